package org.tanfang.callflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Listening to the line before the greeting ({@code tanfang.telephony.line-check.*}; README
 * "Carrier announcements, voicemail and storms").
 *
 * @param mode {@code auto}: for elders whose reply language has a speech model; {@code true}
 *     whenever a {@link LineRecognizer} is installed; {@code false}: never (greet at once)
 * @param round longest single RECORD FILE of the line
 * @param silence silence that ends a round (RECORD FILE {@code s=})
 * @param max how long the line is listened to after the answer at most before greeting anyway
 * @param answeredQuiet how much quiet audio after the answer (AGI CHANNEL STATUS Up) counts as a
 *     person who picked up and waits; before the answer a quiet line (a gap in early media, the off
 *     part of ring-back) is never a person
 * @param earlyMax how long early media (before the answer) is listened to at most; then the call is
 *     hung up without a greeting (the network kept it ringing)
 * @param machineVoiced a round voiced this long without a pause and without a person's word counts
 *     as a machine (VOICEMAIL by energy); {@code 0s} turns the energy rule off (the default: colour
 *     ring-back music in early media looks the same)
 */
@ConfigurationProperties("tanfang.telephony.line-check")
public record LineCheckProperties(
    @DefaultValue("auto") SpeechMode mode,
    @DefaultValue("5s") Duration round,
    @DefaultValue("1s") Duration silence,
    @DefaultValue("10s") Duration max,
    @DefaultValue("0s") Duration machineVoiced,
    @DefaultValue("1s") Duration answeredQuiet,
    @DefaultValue("60s") Duration earlyMax) {}
