package org.tanfang.escalation;

import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How urgent each kind of case is (README "Escalation desk").
 *
 * @param deadline time to handle per type; HOME_VISIT ignores it (the cycle's end is its deadline)
 *     and UNREACHABLE uses it only after {@code sameDayCutoff}
 * @param priority priority per type (higher first); the defaults are {@link
 *     EscalationType#basePriority()}
 * @param sameDayCutoff an UNREACHABLE case raised before this local time is due the same day at
 *     {@code workdayEnd}; later ones get {@code deadline.UNREACHABLE} (24 h)
 * @param workdayEnd see {@code sameDayCutoff}
 * @param transferTimeout how long a distress call waits in the staff queue before the elder hears
 *     that staff will call back (the dialplan's Queue timeout)
 * @param urgentPriorityBoost added when a case becomes more urgent: nobody answered a live
 *     transfer, or the family asked for a visit
 * @param overdueCheck how often deadlines are checked
 */
@ConfigurationProperties("tanfang.escalation")
public record EscalationProperties(
    Map<EscalationType, Duration> deadline,
    Map<EscalationType, Integer> priority,
    @DefaultValue("12:00") LocalTime sameDayCutoff,
    @DefaultValue("18:00") LocalTime workdayEnd,
    @DefaultValue("60s") Duration transferTimeout,
    @DefaultValue("20") int urgentPriorityBoost,
    @DefaultValue("30s") Duration overdueCheck) {

  private static final Map<EscalationType, Duration> DEFAULT_DEADLINES =
      Map.of(
          EscalationType.DISTRESS, Duration.ofMinutes(15),
          EscalationType.LISTEN_NOW, Duration.ofMinutes(30),
          EscalationType.LISTEN, Duration.ofHours(24),
          EscalationType.PARTIAL, Duration.ofHours(4),
          EscalationType.UNREACHABLE, Duration.ofHours(24),
          EscalationType.FOLLOW_UP, Duration.ofHours(24),
          EscalationType.NEEDS, Duration.ofDays(3),
          EscalationType.HOME_VISIT, Duration.ofDays(3));

  public EscalationProperties {
    deadline = merged(deadline, DEFAULT_DEADLINES);
    Map<EscalationType, Integer> priorities = new EnumMap<>(EscalationType.class);
    for (EscalationType t : EscalationType.values()) {
      priorities.put(t, t.basePriority());
    }
    priority = merged(priority, priorities);
  }

  private static <V> Map<EscalationType, V> merged(
      Map<EscalationType, V> given, Map<EscalationType, V> defaults) {
    Map<EscalationType, V> all = new EnumMap<>(defaults);
    if (given != null) {
      all.putAll(given);
    }
    return Map.copyOf(all);
  }

  public Duration deadlineOf(EscalationType type) {
    return deadline.get(type);
  }

  public int priorityOf(EscalationType type) {
    return priority.get(type);
  }
}
