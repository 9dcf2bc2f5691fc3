package org.tanfang.scheduler.alert;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.tanfang.scheduler.elder.ElderProfile;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.scheduler.elder.Vulnerability;

/**
 * An extra round of contact outside the regular cycle, in calling order: the most vulnerable elder
 * first, because a typhoon round over a whole district takes hours and the first calls matter most.
 *
 * @param reason why, in Chinese, e.g. "台风预警"
 * @param promptId the safety message to play
 * @param elderIds active elders to contact, most vulnerable first
 */
public record SpecialRound(String reason, String promptId, List<Long> elderIds) {

  public SpecialRound {
    elderIds = List.copyOf(elderIds);
  }

  /** Everyone active in the alert's districts; who gets a robocall is the visit policy's call. */
  public static SpecialRound forAlert(
      WeatherAlert alert, Collection<ElderProfile> elders, LocalDate on) {
    List<ElderProfile> covered = elders.stream().filter(alert::covers).toList();
    return new SpecialRound(
        alert.kind().label() + "预警", alert.kind().promptId(), mostVulnerableFirst(covered, on));
  }

  /** Active elders ordered by {@link Vulnerability}, then by id so the order is stable. */
  public static List<Long> mostVulnerableFirst(Collection<ElderProfile> elders, LocalDate on) {
    Comparator<Ranked> order =
        Comparator.comparing(Ranked::vulnerability, Vulnerability.MOST_VULNERABLE_FIRST)
            .thenComparingLong(Ranked::elderId);
    return elders.stream()
        .filter(elder -> elder.status() == ElderStatus.ACTIVE)
        .map(elder -> new Ranked(elder.elderId(), Vulnerability.of(elder, on)))
        .sorted(order)
        .map(Ranked::elderId)
        .toList();
  }

  private record Ranked(long elderId, Vulnerability vulnerability) {}
}
