package org.tanfang.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.tanfang.callflow.AgiProperties;
import org.tanfang.dialer.DialerProperties;
import org.tanfang.dialer.PbxProperties;
import org.tanfang.operations.InconsistentSettingsException.SettingsProblem;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.scheduler.window.CallWindow;
import org.tanfang.scheduler.window.QuietHours;
import org.tanfang.scheduling.SchedulerProperties;

/**
 * Settings that each bind but contradict each other or the city's rules, found before anything
 * starts (README "Settings checked at start-up"). Every problem is reported at once, naming the
 * properties.
 */
final class SettingsCheck {
  private final List<SettingsProblem> problems = new ArrayList<>();

  /** The settings to check, bound as the application binds them. */
  record Settings(
      AgiProperties agi,
      DialerProperties telephony,
      int simulatedChannels,
      SchedulerProperties scheduler,
      RegistryProperties registry,
      Duration transferTimeout) {

    static Settings from(Environment environment) {
      Binder binder = Binder.get(environment);
      DialerProperties telephony = binder.bindOrCreate("tanfang.telephony", DialerProperties.class);
      boolean simulator =
          telephony.configuredPbxs().isEmpty()
              && !"false"
                  .equalsIgnoreCase(
                      environment.getProperty("tanfang.telephony.simulator.enabled", "auto"));
      return new Settings(
          binder.bindOrCreate("tanfang.telephony.agi", AgiProperties.class),
          telephony,
          simulator
              ? binder.bind("tanfang.telephony.simulator.channel-limit", Integer.class).orElse(10)
              : 0,
          binder.bindOrCreate("tanfang.scheduler", SchedulerProperties.class),
          binder.bindOrCreate("tanfang.registry", RegistryProperties.class),
          binder
              .bind("tanfang.escalation.transfer-timeout", Duration.class)
              .orElse(Duration.ofSeconds(60)));
    }
  }

  /** Throws {@link InconsistentSettingsException} listing every problem; returns if none. */
  static void verify(Settings settings) {
    List<SettingsProblem> found = problems(settings);
    if (!found.isEmpty()) {
      throw new InconsistentSettingsException(found);
    }
  }

  static List<SettingsProblem> problems(Settings s) {
    SettingsCheck check = new SettingsCheck();
    check.pbxs(s);
    check.durations(s);
    check.scheduler(s);
    return List.copyOf(check.problems);
  }

  private void problem(String message, String... properties) {
    problems.add(new SettingsProblem(List.of(properties), message));
  }

  /** Each PBX's property prefix, the environment's PBX first (as the dialer lists them). */
  private static Map<String, PbxProperties> prefixed(DialerProperties t) {
    Map<String, PbxProperties> byPrefix = new java.util.LinkedHashMap<>();
    if (t.ami().configured()) {
      byPrefix.put("tanfang.telephony.ami", t.ami());
    }
    for (int i = 0; i < t.pbx().size(); i++) {
      if (t.pbx().get(i).configured()) {
        byPrefix.put("tanfang.telephony.pbx[" + i + "]", t.pbx().get(i));
      }
    }
    return byPrefix;
  }

  private void pbxs(Settings s) {
    Map<String, PbxProperties> pbxs = prefixed(s.telephony());
    int channels = s.simulatedChannels();
    List<String> limits = new ArrayList<>();
    if (pbxs.isEmpty() && channels > 0) {
      limits.add("tanfang.telephony.simulator.channel-limit");
    }
    Set<String> names = new HashSet<>();
    for (var e : pbxs.entrySet()) {
      PbxProperties pbx = e.getValue();
      String prefix = e.getKey();
      limits.add(prefix + ".channel-limit");
      channels += Math.max(0, pbx.channelLimit());
      if (pbx.channelLimit() < 1) {
        problem(
            "must be at least 1 (is "
                + pbx.channelLimit()
                + "): a PBX with no channel dials nothing",
            prefix + ".channel-limit");
      }
      if (!names.add(pbx.name())) {
        problem(
            "two PBXs are named '"
                + pbx.name()
                + "': call_attempt.pbx could not tell their calls apart",
            prefix + ".name");
      }
      if (pbx.ringTimeout().compareTo(Duration.ofSeconds(1)) < 0) {
        problem("must be at least 1s (is " + pbx.ringTimeout() + ")", prefix + ".ring-timeout");
      }
    }
    int maxCalls = s.agi().maxCalls();
    if (maxCalls < channels) {
      List<String> named = new ArrayList<>(List.of("tanfang.telephony.agi.max-calls"));
      named.addAll(limits);
      problem(
          "max-calls ("
              + maxCalls
              + ") is below the channels this node dials ("
              + channels
              + "): every answered call beyond "
              + maxCalls
              + " would be hung up as it answers. Raise max-calls to at least "
              + channels
              + " or lower the channel limits",
          named.toArray(String[]::new));
    }
  }

  private void durations(Settings s) {
    DialerProperties t = s.telephony();
    positive(t.maxCallDuration(), "tanfang.telephony.max-call-duration");
    positive(t.lostAfter(), "tanfang.telephony.lost-after");
    notNegative(t.sweepInterval(), "tanfang.telephony.sweep-interval");
    notNegative(t.drainTimeout(), "tanfang.telephony.drain-timeout");
    notNegative(t.wrapUpTimeout(), "tanfang.telephony.wrap-up-timeout");
    if (t.dialThreads() < 1) {
      problem("must be at least 1 (is " + t.dialThreads() + ")", "tanfang.telephony.dial-threads");
    }
    if (s.transferTimeout().compareTo(t.maxCallDuration()) >= 0) {
      problem(
          "the staff queue's wait ("
              + s.transferTimeout()
              + ") must be shorter than max-call-duration ("
              + t.maxCallDuration()
              + "): a waiting call would be ended as lost",
          "tanfang.escalation.transfer-timeout",
          "tanfang.telephony.max-call-duration");
    }
    for (var e : prefixed(t).entrySet()) {
      if (e.getValue().ringTimeout().compareTo(t.maxCallDuration()) >= 0) {
        problem(
            "the ring timeout must be shorter than max-call-duration",
            e.getKey() + ".ring-timeout",
            "tanfang.telephony.max-call-duration");
      }
    }
  }

  private void positive(Duration d, String property) {
    if (d.isNegative() || d.isZero()) {
      problem("must be longer than 0 (is " + d + ")", property);
    }
  }

  private void notNegative(Duration d, String property) {
    if (d.isNegative()) {
      problem("must not be negative (is " + d + ")", property);
    }
  }

  private void scheduler(Settings s) {
    SchedulerProperties p = s.scheduler();
    windows(p.callWindows(), "tanfang.scheduler.call-windows");
    windows(p.familyCallWindows(), "tanfang.scheduler.family-call-windows");
    Set<String> districts = new HashSet<>(s.registry().districts());
    p.districtCallWindows()
        .forEach(
            (district, windows) -> {
              String property = "tanfang.scheduler.district-call-windows." + district;
              if (!districts.contains(district)) {
                problem(
                    "'"
                        + district
                        + "' is not a configured district "
                        + s.registry().districts()
                        + ": its windows would never apply",
                    property,
                    "tanfang.registry.districts");
              }
              windows(windows, property);
            });
    if (p.pacingInterval().isNegative() || p.pacingInterval().isZero()) {
      problem("must be longer than 0", "tanfang.scheduler.pacing-interval");
    }
    positive(p.retryAfter(), "tanfang.scheduler.retry-after");
    if (p.pacingBatch() < 1) {
      problem("must be at least 1 (is " + p.pacingBatch() + ")", "tanfang.scheduler.pacing-batch");
    }
    if (p.maxAttemptsPerDay() < 1) {
      problem(
          "must be at least 1 (is " + p.maxAttemptsPerDay() + ")",
          "tanfang.scheduler.max-attempts-per-day");
    }
    if (!(p.spreadShare() > 0 && p.spreadShare() <= 1)) {
      problem(
          "must be above 0 and at most 1 (is " + p.spreadShare() + ")",
          "tanfang.scheduler.spread-share");
    }
  }

  /** Unreadable windows, or windows wholly inside the quiet hours, are refused. */
  private void windows(List<String> windows, String property) {
    if (windows == null || windows.isEmpty()) {
      problem("at least one call window is required", property);
      return;
    }
    for (String text : windows) {
      CallWindow window;
      try {
        window = CallWindow.parse(text);
      } catch (RuntimeException e) {
        problem(
            "'" + text + "' is not a window like 09:00-11:30 (" + e.getMessage() + ")", property);
        continue;
      }
      if (QuietHours.clip(window).isEmpty()) {
        problem(
            "window "
                + text.strip()
                + " lies entirely in the quiet hours ("
                + QuietHours.describe()
                + "): no call could ever be placed in it",
            property);
      }
    }
  }
}
