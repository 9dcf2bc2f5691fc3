package org.tanfang.security;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused before the password was even checked: the account or the address is locked, or
 * the delay after the last failure has not passed.
 */
public class SignInBlockedException extends AuthenticationException {
  private final boolean locked;
  private final Instant until;

  SignInBlockedException(boolean locked, Instant until) {
    super(locked ? "Sign-in locked until " + until : "Too soon after a failed sign-in");
    this.locked = locked;
    this.until = until;
  }

  /** A lock (after N failures) rather than the short delay after one. */
  public boolean locked() {
    return locked;
  }

  public Instant until() {
    return until;
  }
}
