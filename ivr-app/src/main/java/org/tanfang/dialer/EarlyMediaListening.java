package org.tanfang.dialer;

/**
 * Whether the call flow listens to the line before greeting an elder of this dialect (the call
 * flow's line check implements it). Only then is a check-in originated with {@code EarlyMedia:
 * true}: the dialplan then starts on early media, and without a line check the greeting would play
 * into the ring-back.
 */
public interface EarlyMediaListening {
  boolean listensBeforeGreeting(String dialect);
}
