package org.tanfang.security;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Resolves the signed-in user into a {@link Caller}: role and region scope are read from {@code
 * app_user} on every request, so a changed scope or role applies at once.
 */
@Component
public class Callers {
  private final JdbcTemplate jdbc;

  Callers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The caller of this authentication; {@link Caller#SYSTEM} when there is none. */
  public Caller of(Authentication auth) {
    if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
      return Caller.SYSTEM;
    }
    List<Caller> found =
        jdbc.query(
            "select username, role, scope_district, scope_street, scope_community from app_user"
                + " where username = ?",
            (rs, i) ->
                new Caller(
                    rs.getString("username"),
                    Role.valueOf(rs.getString("role")),
                    new RegionScope(
                        rs.getString("scope_district"),
                        rs.getString("scope_street"),
                        rs.getString("scope_community"))),
            auth.getName());
    if (found.isEmpty()) {
      // Signed in but no account (cannot happen with the app's own user store): see nothing.
      return new Caller(auth.getName(), Role.STAFF, RegionScope.community("-", "-", "-"));
    }
    return found.get(0);
  }

  /** The caller of the current request or thread. */
  public Caller current() {
    return of(SecurityContextHolder.getContext().getAuthentication());
  }
}
