package org.tanfang.escalation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.escalation.CaseLog.Change;
import org.tanfang.escalation.CaseLog.Row;
import org.tanfang.shared.Text;

/** Cases past their deadline move up a level (a Quartz job, {@link EscalationJobs}). */
@Service
public class OverdueCases {
  private static final Logger log = LoggerFactory.getLogger(OverdueCases.class);

  private final JdbcTemplate jdbc;
  private final CaseLog cases;
  private final Deadlines deadlines;
  private final Clock clock;

  OverdueCases(JdbcTemplate jdbc, CaseLog cases, Deadlines deadlines, Clock clock) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.deadlines = deadlines;
    this.clock = clock;
  }

  /**
   * Moves every open case past its deadline one level up (desk → street → district supervisors)
   * with a fresh deadline; at district level it stays, overdue. Returns how many moved.
   */
  public int escalateOverdue() {
    Instant now = clock.instant();
    List<Long> due =
        jdbc.queryForList(
            "select id from escalation where state <> 'RESOLVED' and level <> 'DISTRICT'"
                + " and deadline < ? order by deadline",
            Long.class,
            ts(now));
    int moved = 0;
    for (long id : due) {
      if (cases.change(() -> moveUp(id, now)) >= 0) {
        moved++;
      }
    }
    if (moved > 0) {
      log.info("{} overdue escalations moved up a level", moved);
    }
    return moved;
  }

  private Change moveUp(long id, Instant now) {
    Row row = cases.lock(id);
    if (!row.state().open() || row.level() == Level.DISTRICT || !row.deadline().isBefore(now)) {
      return null;
    }
    Level to = row.level().up();
    jdbc.update(
        "update escalation set level = ?, deadline = ?, updated_at = ?,"
            + " state = case when state = 'CLAIMED' then state else 'ESCALATED' end"
            + " where id = ?",
        to.name(),
        ts(deadlines.afterEscalation(row.type(), now)),
        ts(now),
        id);
    Text detail =
        Text.of(
            "case.escalated",
            Text.label("escalation.level." + row.level().name()),
            Text.label("escalation.level." + to.name()));
    cases.history(id, CaseLog.SYSTEM, CaseAction.ESCALATED, detail, now);
    return new Change(id, CaseAction.ESCALATED);
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
