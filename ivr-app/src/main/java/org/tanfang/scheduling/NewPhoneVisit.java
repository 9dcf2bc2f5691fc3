package org.tanfang.scheduling;

import java.time.Instant;

/** A phone visit to insert with its first attempt (phone index 0 unless given). */
record NewPhoneVisit(
    long elderId,
    Instant dueAt,
    int priority,
    String phone,
    int phoneIndex,
    String policyVersion,
    String reason) {}
