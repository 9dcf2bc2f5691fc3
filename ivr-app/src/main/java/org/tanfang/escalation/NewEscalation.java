package org.tanfang.escalation;

import java.time.Instant;
import org.tanfang.shared.Text;

/**
 * What a trigger knows when it raises a case.
 *
 * @param visitId the visit that raised it, if any
 * @param attemptId the call that raised it, if any
 * @param reason why, as a message key and arguments (shown in the reader's language)
 * @param needs what the elder asked for (NEEDS), else null
 * @param deadline a fixed deadline (a home visit's cycle end), or null for the type's
 */
public record NewEscalation(
    long elderId,
    EscalationType type,
    Long visitId,
    Long attemptId,
    Text reason,
    String needs,
    Instant deadline) {

  public static NewEscalation of(
      long elderId, EscalationType type, Long visitId, Long attemptId, Text reason) {
    return new NewEscalation(elderId, type, visitId, attemptId, reason, null, null);
  }
}
