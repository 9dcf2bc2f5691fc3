package org.tanfang.prompts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Checks on a recorded prompt and how often other nodes' approvals are picked up.
 *
 * @param minLength shortest prompt after trimming silence
 * @param maxLength longest prompt after trimming silence
 * @param silenceDb a 20 ms frame quieter than this (RMS, dBFS) is silence when trimming
 * @param quietDb the sounding part must be at least this loud (RMS, dBFS)
 * @param clippedShare more than this share of samples at full scale is clipped
 * @param refresh how old this node's copy of the approved versions may get before a call reloads it
 *     (in the background; approvals on this node apply at once)
 */
@ConfigurationProperties("tanfang.prompts")
public record PromptProperties(
    @DefaultValue("500ms") Duration minLength,
    @DefaultValue("30s") Duration maxLength,
    @DefaultValue("-45") double silenceDb,
    @DefaultValue("-35") double quietDb,
    @DefaultValue("0.001") double clippedShare,
    @DefaultValue("1m") Duration refresh) {}
