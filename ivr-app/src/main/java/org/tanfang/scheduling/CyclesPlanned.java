package org.tanfang.scheduling;

/**
 * Published (Spring application event) after a planning run: the escalation feature opens the new
 * home-visit tasks at once instead of at its next periodic pass.
 */
public record CyclesPlanned(CyclePlanning.Report report) {}
