package org.tanfang.scheduler;

import java.time.ZoneId;

/** Defaults that hold for the whole city. */
public final class Haikou {

  /**
   * Hainan keeps China Standard Time (UTC+8, no daylight saving). Every "day", "half month" and
   * "call window" in the policy is local to this zone, whatever zone the server runs in.
   */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private Haikou() {}
}
