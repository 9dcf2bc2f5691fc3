package org.tanfang.asterisksim;

import java.util.UUID;

/**
 * A basic two-party bridge (app_queue's member connect, app_dial's answered call-back) and its
 * events as Asterisk 22 sends them (06a, 08b, 10): BridgeCreate, BridgeEnter per channel with the
 * count after it joined, BridgeLeave per channel with the count after it left, BridgeDestroy. The
 * bridge headers come first, then the channel snapshot.
 */
final class SimBridge {

  private final SimCall call;
  private final String id = UUID.randomUUID().toString();
  private int channels;
  private boolean destroyed;

  SimBridge(SimCall call) {
    this.call = call;
    call.publish(AmiEvents.Category.CALL, event("BridgeCreate"));
  }

  synchronized void enter(SimChannel channel) {
    channels++;
    call.publish(AmiEvents.Category.CALL, event("BridgeEnter").addAll(channel.snapshot("")));
  }

  synchronized void leave(SimChannel channel) {
    channels = Math.max(0, channels - 1);
    call.publish(AmiEvents.Category.CALL, event("BridgeLeave").addAll(channel.snapshot("")));
  }

  synchronized void destroy() {
    if (destroyed) {
      return;
    }
    destroyed = true;
    call.publish(AmiEvents.Category.CALL, event("BridgeDestroy"));
  }

  private AmiMessage event(String name) {
    return AmiEvents.event(name, AmiEvents.Category.CALL)
        .add("BridgeUniqueid", id)
        .add("BridgeType", "basic")
        .add("BridgeTechnology", "simple_bridge")
        .add("BridgeCreator", "<unknown>")
        .add("BridgeName", "<unknown>")
        .add("BridgeNumChannels", channels)
        .add("BridgeVideoSourceMode", "none");
  }
}
