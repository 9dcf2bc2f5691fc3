package org.tanfang.outcomes;

import java.time.Instant;
import java.util.List;
import org.tanfang.scheduler.elder.Category;

/**
 * One visit in the outcome log with how its calls went and what the elder said. The ID-card number
 * is masked: the log is a list, and lists never show it in full.
 *
 * @param at when the visit happened: its end, else start, last dial, planned time or creation
 * @param attempts how many times a number was dialled for it (0 for home visits)
 * @param lastResult the last dial's result (ANSWERED, NO_ANSWER, …), null if none ended
 * @param conversation the answered call's outcome (COMPLETED, PARTIAL, …), null if none
 * @param worstIntent the most worrying answer (HELP › UNWELL › NEEDS › UNCLEAR › SILENT › FINE),
 *     identity answers left out
 * @param needs the needs heard in the answers, e.g. {@code MEDICINE}
 */
public record OutcomeRow(
    long visitId,
    Instant at,
    long elderId,
    String elderName,
    String idNumberMasked,
    String district,
    String street,
    String community,
    String grid,
    List<Category> categories,
    VisitKind kind,
    VisitPurpose purpose,
    String status,
    LogOutcome outcome,
    String conversation,
    boolean valid,
    int attempts,
    String lastResult,
    String worstIntent,
    String needs,
    String recordedBy) {}
