package org.tanfang.scheduling;

import org.tanfang.shared.Text;

/**
 * Robocalls could not make the visit: a person must visit or call the elder now. Published once per
 * visit (when the visit is marked UNREACHABLE, or a home-visit task falls due uncovered); the
 * escalation feature consumes it.
 *
 * @param reason why, as a message key and arguments (the desk shows it in the reader's language)
 */
public record NeedsPersonEvent(long elderId, long visitId, Text reason) {}
