package org.tanfang.scheduling;

/**
 * Robocalls could not make the visit: a person must visit or call the elder now. Published once per
 * visit (when the visit is marked UNREACHABLE, or a home-visit task falls due uncovered); the
 * escalation feature consumes it.
 *
 * @param reason in Chinese, for the escalation desk, e.g. "周期 2026-03-H2 仅剩 3 天仍未探访成功，需人工跟进"
 */
public record NeedsPersonEvent(long elderId, long visitId, String reason) {}
