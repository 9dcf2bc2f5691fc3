package org.tanfang.security;

/**
 * Who is asking: the signed-in user's name, role and region scope, as {@link Callers} reads them
 * from the account (never from the request).
 */
public record Caller(String username, Role role, RegionScope scope) {
  /** The application itself (Quartz jobs, calls): no person, the whole city. */
  public static final Caller SYSTEM = new Caller("system", Role.ADMIN, RegionScope.CITY);

  public boolean supervises() {
    return role == Role.ADMIN || role == Role.SUPERVISOR;
  }

  public boolean is(Role r) {
    return role == r;
  }
}
