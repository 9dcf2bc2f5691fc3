package org.tanfang.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.scheduler.dispatch.CallDispatcher;

/**
 * When a round's calls are expected: each first call (to an elder, or to an elder's first emergency
 * contact) is due at its elder's first allowed minute (call window, clipped to the quiet hours; an
 * urgent alert's rules instead), and the calls share the PBX's channels, each taking about {@code
 * tanfang.scheduler.alert-call-estimate}. So an alert declared at 02:50 says "first call 09:00,
 * last about 10:20" instead of "calling now". An estimate: retries and calls pushed past a window's
 * end are not modelled.
 */
@Component
public class AlertTiming {
  private final JdbcTemplate jdbc;
  private final CallDispatcher dispatcher;
  private final Duration perCall;

  AlertTiming(JdbcTemplate jdbc, CallDispatcher dispatcher, SchedulerProperties props) {
    this.jdbc = jdbc;
    this.dispatcher = dispatcher;
    this.perCall = props.alertCallEstimate();
  }

  /**
   * @param calls phone calls of the round to the elders (first attempts)
   * @param contactCalls calls of the round to the elders' first emergency contacts, sharing the
   *     channels with the elders' calls
   * @param homeTasks elders a person visits instead
   * @param firstCall when the first call is due (null without calls)
   * @param lastCall when the last first call is expected to start, given the channels
   * @param channels the channels counted on
   */
  public record Expected(
      int calls,
      int contactCalls,
      int homeTasks,
      Instant firstCall,
      Instant lastCall,
      int channels) {}

  public Expected ofRound(long roundId) {
    List<Instant> due = new java.util.ArrayList<>();
    int[] contacts = {0};
    jdbc.query(
        """
        select a.due_at, v.purpose = 'FAMILY_NOTICE' as contact
        from call_attempt a join visit v on v.id = a.visit_id
        where v.special_round_id = ? and a.attempt_no = 1 order by a.due_at
        """,
        rs -> {
          due.add(rs.getTimestamp("due_at").toInstant());
          contacts[0] += rs.getBoolean("contact") ? 1 : 0;
        },
        roundId);
    Integer home =
        jdbc.queryForObject(
            "select count(*) from visit where special_round_id = ? and kind = 'HOME'",
            Integer.class,
            roundId);
    int channels = channels();
    if (due.isEmpty()) {
      return new Expected(0, 0, home, null, null, channels);
    }
    return new Expected(
        due.size() - contacts[0],
        contacts[0],
        home,
        due.get(0),
        lastStart(due, channels),
        channels);
  }

  /** Every channel the dialer has: those free now and those busy with a call. */
  private int channels() {
    Integer busy =
        jdbc.queryForObject(
            "select count(*) from call_attempt where status in ('DIALING', 'IN_CALL')",
            Integer.class);
    return Math.max(1, dispatcher.freeChannels() + (busy == null ? 0 : busy));
  }

  /** Calls in due order, each on the channel free soonest, none before it is due. */
  private Instant lastStart(List<Instant> due, int channels) {
    PriorityQueue<Instant> free = new PriorityQueue<>();
    Instant last = due.get(0);
    for (Instant at : due) {
      Instant start = at;
      if (free.size() >= channels) {
        Instant soonest = free.poll();
        start = soonest.isAfter(at) ? soonest : at;
      }
      free.add(start.plus(perCall));
      last = start.isAfter(last) ? start : last;
    }
    return last;
  }
}
