package org.tanfang.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tanfang.scheduler.dispatch.CallPriority;
import org.tanfang.scheduler.elder.Vulnerability;
import org.tanfang.scheduler.policy.VisitDecision;
import org.tanfang.scheduler.policy.VisitMode;
import org.tanfang.scheduler.window.TimeRange;
import org.tanfang.visits.NewVisit;
import org.tanfang.visits.VisitPlans;

/** The visits of a special round ({@link SpecialRounds}): who is in scope, and when each is due. */
@Component
class RoundVisits {
  private final Clock clock;
  private final SchedulingElders elders;
  private final PolicyTable policies;
  private final VisitPlans rows;
  private final Windows windows;
  private final ZoneId zone;

  RoundVisits(
      Clock clock,
      SchedulingElders elders,
      PolicyTable policies,
      VisitPlans rows,
      Windows windows) {
    this.clock = clock;
    this.elders = elders;
    this.policies = policies;
    this.rows = rows;
    this.windows = windows;
    this.zone = clock.getZone();
  }

  private record Target(ScheduledElder elder, VisitDecision.InScope decision, Vulnerability v) {}

  /**
   * Visits for every active elder in scope in the districts. Alerts: due at once (or at the start),
   * inside each elder's windows, the most vulnerable first by priority. Festivals: spread evenly
   * over the allowed time of the greeting days left, most vulnerable earliest.
   *
   * @param contactScript for an alert, the safety message its elders' first emergency contacts
   *     hear: each in-scope elder with a contact gets a FAMILY_NOTICE call of the round, timed as
   *     the elder's own call would be (the elder's windows, or the urgent rules), just below the
   *     elder's priority; null: no contact calls (festivals)
   */
  int create(
      long roundId,
      String purpose,
      String script,
      List<String> districts,
      Instant start,
      Instant end,
      boolean urgent,
      String urgency,
      String contactScript) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    List<Target> phone = new ArrayList<>();
    List<Target> all = new ArrayList<>();
    List<NewVisit> home = new ArrayList<>();
    for (ScheduledElder elder : elders.activeInDistricts(districts)) {
      if (policies.forDistrict(elder.district()).evaluate(elder.profile(), today)
          instanceof VisitDecision.InScope in) {
        Vulnerability v = Vulnerability.of(elder.profile(), today);
        all.add(new Target(elder, in, v));
        if (in.robocalls() && !elder.phones().isEmpty()) {
          phone.add(new Target(elder, in, v));
        }
        if (in.mode() != VisitMode.PHONE) {
          home.add(new NewVisit(elder.id(), null, 0, null, 0, in.policyVersion(), reason(in)));
        }
      }
    }
    phone.sort(
        Comparator.comparing(Target::v, Vulnerability.MOST_VULNERABLE_FIRST)
            .thenComparingLong(t -> t.elder().id()));
    Instant from = start.isAfter(now) ? start : now;
    List<TimeRange> allowed = allowedRanges(from, end);
    long total = allowed.stream().mapToLong(r -> r.length().toMillis()).sum();
    List<NewVisit> visits = new ArrayList<>();
    for (int i = 0; i < phone.size(); i++) {
      Target t = phone.get(i);
      Instant wanted = urgent || total == 0 ? from : position(allowed, i * total / phone.size());
      Instant at = due(t.elder(), wanted, urgency);
      if (at.isBefore(end)) {
        int priority = urgent ? CallPriority.alert(t.v()) : CallPriority.firstAttempt(t.v());
        visits.add(
            new NewVisit(
                t.elder().id(),
                at,
                priority,
                t.elder().phones().get(0),
                0,
                t.decision().policyVersion(),
                reason(t.decision())));
      }
    }
    VisitPlans.Batch batch = new VisitPlans.Batch(purpose, null, null, roundId, script, now);
    int made = rows.insertPhoneVisits(batch, visits) + rows.insertHomeVisits(batch, home);
    if (contactScript != null) {
      rows.insertPhoneVisits(
          new VisitPlans.Batch(CONTACT_PURPOSE, null, null, roundId, contactScript, now),
          contactCalls(all, from, end, urgent, urgency));
    }
    return made;
  }

  /** The visit purpose of a call to an elder's emergency contact. */
  static final String CONTACT_PURPOSE = "FAMILY_NOTICE";

  /** One call per elder with an emergency contact, to the first one. */
  private List<NewVisit> contactCalls(
      List<Target> targets, Instant from, Instant end, boolean urgent, String urgency) {
    Map<Long, String> first =
        elders.firstContacts(targets.stream().map(t -> t.elder().id()).toList());
    List<NewVisit> calls = new ArrayList<>();
    for (Target t : targets) {
      String phone = first.get(t.elder().id());
      Instant at = due(t.elder(), from, urgency);
      if (phone != null && at.isBefore(end)) {
        int priority = (urgent ? CallPriority.alert(t.v()) : CallPriority.firstAttempt(t.v())) - 1;
        calls.add(
            new NewVisit(
                t.elder().id(),
                at,
                priority,
                phone,
                0,
                t.decision().policyVersion(),
                reason(t.decision())));
      }
    }
    return calls;
  }

  /**
   * The first minute a call may go out: inside the elder's windows; for an urgent alert inside the
   * city's calling hours instead; for one confirmed for the night, at once.
   */
  private Instant due(ScheduledElder elder, Instant wanted, String urgency) {
    return switch (urgency) {
      case "URGENT_NIGHT" -> wanted;
      case "URGENT" -> windows.family().nextAllowed(wanted);
      default -> elder.windows().nextAllowed(wanted);
    };
  }

  private static String reason(VisitDecision.InScope in) {
    return String.join("；", in.reasons());
  }

  private List<TimeRange> allowedRanges(Instant from, Instant end) {
    List<TimeRange> ranges = new ArrayList<>();
    TimeRange span = new TimeRange(from, end.isAfter(from) ? end : from);
    for (LocalDate day = LocalDate.ofInstant(from, zone);
        day.atStartOfDay(zone).toInstant().isBefore(end);
        day = day.plusDays(1)) {
      for (TimeRange range : windows.defaults().rangesOn(day)) {
        TimeRange part = range.intersect(span);
        if (!part.isEmpty()) {
          ranges.add(part);
        }
      }
    }
    return ranges;
  }

  private static Instant position(List<TimeRange> ranges, long millis) {
    for (TimeRange range : ranges) {
      long length = range.length().toMillis();
      if (millis < length) {
        return range.start().plusMillis(millis);
      }
      millis -= length;
    }
    return ranges.get(ranges.size() - 1).end();
  }
}
