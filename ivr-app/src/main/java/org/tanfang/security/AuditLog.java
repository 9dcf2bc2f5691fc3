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

  public void record(String action, String subjectType, Object subjectId, String detail) {
    jdbc.update(
        "insert into audit_event (at, username, action, subject_type, subject_id, detail)"
            + " values (?, ?, ?, ?, ?, ?)",
        Timestamp.from(clock.instant()),
        currentUser(),
        action,
        subjectType,
        subjectId == null ? null : subjectId.toString(),
        detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500));
  }

  public static String currentUser() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth == null ? "system" : auth.getName();
  }
}
