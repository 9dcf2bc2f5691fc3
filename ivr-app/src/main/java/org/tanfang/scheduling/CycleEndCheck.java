package org.tanfang.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.shared.Text;
import org.tanfang.shared.Texts;
import org.tanfang.visits.Visits;

/**
 * Hands uncovered cycles to a person. A routine visit without a valid result is escalated once
 * ({@link NeedsPersonEvent}, {@code escalated_at} set) when its cycle has {@code
 * needs-person-days-left} days or fewer left and robocalls have nothing more planned before the
 * cycle ends, or when the cycle is over. Phone visits then become UNREACHABLE (pending attempts
 * cancelled); home-visit tasks stay PLANNED: the person still owes the visit.
 */
@Service
public class CycleEndCheck {
  private static final Logger log = LoggerFactory.getLogger(CycleEndCheck.class);

  private final JdbcTemplate jdbc;
  private final Visits visits;
  private final Texts texts;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final ZoneId zone;
  private final int daysLeft;

  CycleEndCheck(
      JdbcTemplate jdbc,
      Visits visits,
      Texts texts,
      Clock clock,
      ApplicationEventPublisher events,
      SchedulerProperties props) {
    this.jdbc = jdbc;
    this.visits = visits;
    this.texts = texts;
    this.clock = clock;
    this.events = events;
    this.zone = clock.getZone();
    this.daysLeft = props.needsPersonDaysLeft();
  }

  /** Returns how many visits were escalated. */
  @Transactional
  public int run() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    // days left counting today = cycle_end + 1 - today; escalate when that is <= N.
    List<Map<String, Object>> due =
        jdbc.queryForList(
            """
            select v.id, v.elder_id, v.kind, v.cycle_start, v.cycle_end from visit v
            where v.purpose = 'ROUTINE' and v.status in ('PLANNED', 'IN_PROGRESS') and not v.valid
              and v.escalated_at is null and v.cycle_end + 1 - ?::date <= ?
              and (v.cycle_end < ?::date or not exists (
                    select 1 from call_attempt a where a.visit_id = v.id
                      and a.status in ('SCHEDULED', 'DIALING', 'IN_CALL')))
            for update of v skip locked
            """,
            today,
            daysLeft,
            today);
    for (Map<String, Object> visit : due) {
      long id = ((Number) visit.get("id")).longValue();
      long elderId = ((Number) visit.get("elder_id")).longValue();
      boolean phone = "PHONE".equals(visit.get("kind"));
      int left =
          (int)
              (((java.sql.Date) visit.get("cycle_end")).toLocalDate().toEpochDay()
                  + 1
                  - today.toEpochDay());
      String kind = Text.label("cycle.kind." + (phone ? "PHONE" : "HOME"));
      Text reason =
          left > 0
              ? Text.of(
                  "reason.cycleDaysLeft",
                  kind,
                  visit.get("cycle_start"),
                  visit.get("cycle_end"),
                  left)
              : Text.of("reason.cycleOver", kind, visit.get("cycle_start"), visit.get("cycle_end"));
      if (phone) {
        visits.unreachable(id, texts.render(reason, Texts.STORED), now);
      } else {
        visits.escalated(id, now);
      }
      events.publishEvent(new NeedsPersonEvent(elderId, id, reason));
    }
    if (!due.isEmpty()) {
      log.info("Cycle-end check {}: {} visits handed to a person", today, due.size());
    }
    return due.size();
  }
}
