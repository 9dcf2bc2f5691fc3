package org.tanfang.escalation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;

/**
 * When a case is due: per type ({@code tanfang.escalation.*-deadline}); an UNREACHABLE case raised
 * before the same-day cut-off is due the same day at the end of the working day; a home-visit task
 * at the end of its cycle. Days are the application zone's (the clock's).
 */
@Component
class Deadlines {
  private final EscalationProperties props;
  private final ZoneId zone;

  Deadlines(EscalationProperties props, Clock clock) {
    this.props = props;
    this.zone = clock.getZone();
  }

  Instant forNew(EscalationType type, Instant now) {
    if (type == EscalationType.UNREACHABLE) {
      ZonedDateTime local = now.atZone(zone);
      if (local.toLocalTime().isBefore(props.sameDayCutoff())) {
        return local.toLocalDate().atTime(props.workdayEnd()).atZone(zone).toInstant();
      }
    }
    return now.plus(props.deadlineOf(type));
  }

  /** The fresh deadline of a case moved up a level. */
  Instant afterEscalation(EscalationType type, Instant now) {
    return now.plus(props.deadlineOf(type));
  }

  /** The end of a cycle's last day, local time: a home-visit task's deadline. */
  Instant endOf(LocalDate lastDay) {
    return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
  }
}
