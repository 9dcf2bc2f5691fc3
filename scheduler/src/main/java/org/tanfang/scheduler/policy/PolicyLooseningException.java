package org.tanfang.scheduler.policy;

/** A district policy would visit someone less often than the city policy it builds on. */
public class PolicyLooseningException extends IllegalArgumentException {

  public PolicyLooseningException(String message) {
    super(message);
  }
}
