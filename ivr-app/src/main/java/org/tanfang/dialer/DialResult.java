package org.tanfang.dialer;

/** What {@link Dialer#dial(long)} did with an attempt. */
public enum DialResult {
  /** Marked DIALING and the Originate was sent; an {@link AttemptEnded} event will follow. */
  QUEUED,
  /** No connected PBX has a free channel; the attempt is left SCHEDULED untouched. */
  NO_FREE_CHANNEL,
  /** The attempt does not exist or is no longer SCHEDULED (another node took it): nothing done. */
  NOT_DIALABLE,
  /** The Originate could not be sent; the attempt is ENDED as FAILED and AttemptEnded published. */
  FAILED
}
