package org.tanfang.reports;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds of the four supervision checks (README "Supervision checks").
 *
 * @param staleAfter a record not updated for this long is 底数不清 (not kept current)
 * @param hazardFollowUp a safety or care-needs concern needs a case resolved within this long
 * @param minCallSeconds an answered check-in call shorter than this cannot have held the
 *     conversation (greeting, identity and the six areas)
 * @param sameKeyWithin every keypad answer of a call the same key, all given within this span
 * @param homeDayStart home visits recorded before this local time are implausible
 * @param homeDayEnd home visits recorded from this local time are implausible
 * @param burstVisits this many home visits recorded by one person within {@code burstWindow}
 * @param burstWindow see {@code burstVisits}
 * @param liveDebounce an open dashboard is told its figures changed at most once in this span
 */
@ConfigurationProperties("tanfang.reports")
public record ReportsProperties(
    @DefaultValue("365d") Duration staleAfter,
    @DefaultValue("3d") Duration hazardFollowUp,
    @DefaultValue("30") int minCallSeconds,
    @DefaultValue("10s") Duration sameKeyWithin,
    @DefaultValue("07:00") LocalTime homeDayStart,
    @DefaultValue("21:00") LocalTime homeDayEnd,
    @DefaultValue("5") int burstVisits,
    @DefaultValue("10m") Duration burstWindow,
    @DefaultValue("5s") Duration liveDebounce) {}
