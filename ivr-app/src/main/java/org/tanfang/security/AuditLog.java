package org.tanfang.security;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Append-only record of who viewed, exported or changed personal data (POLICY.md "Privacy").
 * Written in the caller's transaction, so a change and its audit entry stand or fall together.
 */
@Component
public class AuditLog {
  private final JdbcTemplate jdbc;
  private final Clock clock;

  AuditLog(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** An entry by the current user; why: their role ({@code role SUPERVISOR}). */
  public void record(String action, String subjectType, Object subjectId, String detail) {
    record(currentUser(), action, subjectType, subjectId, detail, currentRole());
  }

  private static String currentRole() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null) {
      return null;
    }
    return auth.getAuthorities().stream()
        .map(a -> a.getAuthority())
        .filter(a -> a.startsWith("ROLE_"))
        .map(a -> "role " + a.substring(5))
        .findFirst()
        .orElse(null);
  }

  /**
   * One entry: who did what to which subject, and why ({@code purpose}: the role or the case that
   * entitles them; null for plain actions).
   */
  public void record(
      String username,
      String action,
      String subjectType,
      Object subjectId,
      String detail,
      String purpose) {
    jdbc.update(
        "insert into audit_event (at, username, action, subject_type, subject_id, detail, purpose)"
            + " values (?, ?, ?, ?, ?, ?, ?)",
        Timestamp.from(clock.instant()),
        username == null ? currentUser() : cut(username, 40),
        action,
        subjectType,
        subjectId == null ? null : subjectId.toString(),
        cut(detail, 500),
        cut(purpose, 200));
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  public static String currentUser() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth == null ? "system" : auth.getName();
  }
}
