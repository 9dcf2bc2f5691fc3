package org.tanfang.escalation;

import java.util.Map;

/**
 * How a person closes a case.
 *
 * @param areas the six areas (HEALTH, LIVING, FAMILY, SAFETY, CARE_NEEDS, SPECIAL), required when
 *     the outcome is a visit with the elder
 * @param notes what happened, required for OTHER
 */
public record Resolution(Outcome outcome, Map<String, AreaFinding> areas, String notes) {}
