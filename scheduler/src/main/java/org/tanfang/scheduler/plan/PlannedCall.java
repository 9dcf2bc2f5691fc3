package org.tanfang.scheduler.plan;

import java.time.Instant;

/** The first call of a cycle for one elder. */
public record PlannedCall(long elderId, Instant at) {}
