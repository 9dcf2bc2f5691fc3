package org.tanfang.visits;

import java.time.Instant;

/**
 * A visit to plan: a phone visit is inserted with its first attempt (phone index 0 unless given); a
 * home-visit task uses only the elder, policy version and reason.
 */
public record NewVisit(
    long elderId,
    Instant dueAt,
    int priority,
    String phone,
    int phoneIndex,
    String policyVersion,
    String reason) {}
