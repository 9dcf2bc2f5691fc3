package org.tanfang.dialer;

import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Something that follows AMI events of every PBX line (calls, the staff queue, call-backs). Its
 * {@link #onEvent} runs on a worker of {@link AmiEventQueue}, never on the AMI event thread, and
 * may throw when the database fails: the event is then applied again later (from this handler on),
 * so what it writes for one event must be idempotent or one transaction.
 */
interface AmiEventHandler {
  /** Whether this handler wants {@code event} (no database): others are not queued at all. */
  boolean follows(ManagerEvent event);

  void onEvent(PbxLine line, ManagerEvent event);
}
