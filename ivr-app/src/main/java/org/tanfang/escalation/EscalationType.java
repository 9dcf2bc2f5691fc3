package org.tanfang.escalation;

/** Why a person must act, in the order of urgency the desk sorts by (with the deadline). */
public enum EscalationType {
  /** The elder asked for help during a call (key 9/0 or distress words). */
  DISTRESS(100, Pool.STAFF),
  /** Words that may be distress, below HELP: a person listens to the recording now. */
  LISTEN_NOW(90, Pool.STAFF),
  /** Hung up mid-call after a worrying answer: the rest is unknown. */
  PARTIAL(70, Pool.STAFF),
  /** Robocalls could not reach the elder in time: the human visitor must go. */
  UNREACHABLE(60, Pool.VISITOR),
  /** The elder said they are unwell. */
  FOLLOW_UP(50, Pool.STAFF),
  /** The elder asked for something (kind in {@code needs}). */
  NEEDS(30, Pool.STAFF),
  /** A spoken reply the machine did not understand with confidence: a person listens. */
  LISTEN(25, Pool.STAFF),
  /** The cycle's home visit of an elder who cannot look after themselves. */
  HOME_VISIT(20, Pool.VISITOR);

  /** Who acts: call-centre staff, or the elder's human visitor. */
  public enum Pool {
    STAFF,
    VISITOR
  }

  private final int basePriority;
  private final Pool pool;

  EscalationType(int basePriority, Pool pool) {
    this.basePriority = basePriority;
    this.pool = pool;
  }

  public int basePriority() {
    return basePriority;
  }

  public Pool pool() {
    return pool;
  }
}
