package org.tanfang.security;

import java.util.Set;
import org.springframework.security.core.Authentication;

/** What each role may see. */
public final class Roles {
  private static final Set<String> SEE_ID_NUMBERS = Set.of("ROLE_ADMIN", "ROLE_SUPERVISOR");

  private Roles() {}

  /** Full ID-card numbers are for administrators and supervisors; staff see them masked. */
  public static boolean canSeeIdNumbers(Authentication auth) {
    return auth != null
        && auth.getAuthorities().stream().anyMatch(a -> SEE_ID_NUMBERS.contains(a.getAuthority()));
  }
}
