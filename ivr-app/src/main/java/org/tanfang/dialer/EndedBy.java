package org.tanfang.dialer;

/**
 * Which path ends an attempt: the metric {@code tanfang.call.ends} counts them by path and by
 * whether an answered call's visit went back to the scheduler ({@code reopened}), and the end's log
 * line says it, so an answered elder whose visit was sent back for a retry can be traced to the
 * path that ended the call.
 */
enum EndedBy {
  /** The channel's Hangup, the conversation already done (or none on this node). */
  HANGUP,
  /** Once the conversation's writes are in: a Hangup (or another path) that waited for them. */
  AFTER_WRITES,
  /** The OriginateResponse (a failed call, or an answer the Hangup overtook). */
  ORIGINATE,
  /** The Originate was refused or could not be sent. */
  DIAL,
  /** The sweep: no outcome after the ring timeout, no Hangup after max-call-duration. */
  SWEEP,
  /** The reconcile at an AMI login: the PBX no longer carries the channel. */
  RECONCILE,
  /** The start-up reconcile: the node that followed the call is gone. */
  STARTUP,
  /** A call into the line, ended by the call flow. */
  INBOUND
}
