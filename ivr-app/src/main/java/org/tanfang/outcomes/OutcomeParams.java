package org.tanfang.outcomes;

/**
 * The outcome log's filters as they come in a request (query parameters, all optional), before
 * {@link OutcomeFilter#of} checks them. Blank means "any".
 *
 * @param from first local day ({@code tanfang.zone}), e.g. 2026-03-08; default: 6 days before
 *     {@code to}
 * @param to last local day, included; default: today
 * @param district 区
 * @param street 镇街
 * @param community 村居
 * @param outcome one of {@link LogOutcome}
 * @param intent an answer intent the visit must contain (FINE, UNWELL, HELP, NEEDS, …)
 * @param category an elder category, code or Chinese label (独居 or LIVING_ALONE)
 * @param kind PHONE or HOME
 * @param purpose ROUTINE, WEATHER_ALERT, FESTIVAL, CALLBACK or TEST
 */
public record OutcomeParams(
    String from,
    String to,
    String district,
    String street,
    String community,
    String outcome,
    String intent,
    String category,
    String kind,
    String purpose) {}
