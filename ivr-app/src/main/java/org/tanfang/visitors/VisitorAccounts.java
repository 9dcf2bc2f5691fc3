package org.tanfang.visitors;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * VISITOR accounts (table {@code visitor_account}), each bound to the visitor the registry names on
 * elders by their phone ({@code elder.visitor_phone}): that visitor's elders are the account's.
 */
@Service
public class VisitorAccounts {
  private final JdbcTemplate jdbc;
  private final UserAccounts accounts;
  private final AuditLog audit;
  private final Clock clock;

  VisitorAccounts(JdbcTemplate jdbc, UserAccounts accounts, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new account. */
  public record NewVisitor(String username, String displayName, String phone, String password) {}

  /** Creates the account and its binding; every bad field is reported together (400). */
  @Transactional
  public String create(NewVisitor v) {
    List<FieldProblem> problems = new ArrayList<>();
    String username = v.username() == null ? "" : v.username().strip();
    if (!username.matches("[A-Za-z0-9._-]{3,40}")) {
      problems.add(FieldProblem.of("username", "visitor.username"));
    } else if (accounts.exists(username)) {
      problems.add(FieldProblem.of("username", "visitor.usernameTaken", username));
    }
    String name = v.displayName() == null ? "" : v.displayName().strip();
    if (name.isEmpty() || name.length() > 50) {
      problems.add(FieldProblem.of("displayName", "required"));
    }
    String phone = v.phone() == null ? null : PhoneNumbers.normalise(v.phone()).orElse(null);
    if (phone == null) {
      problems.add(FieldProblem.of("phone", "visitor.phone"));
    } else if (boundTo(phone).isPresent()) {
      problems.add(FieldProblem.of("phone", "visitor.phoneTaken", boundTo(phone).get()));
    }
    if (v.password() == null || v.password().length() < 10) {
      problems.add(FieldProblem.of("password", "visitor.password", 10));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Visitor account", problems);
    }
    accounts.create(username, v.password(), Role.VISITOR, name);
    jdbc.update(
        "insert into visitor_account (username, visitor_phone, created_at) values (?, ?, ?)",
        username,
        phone,
        Timestamp.from(clock.instant()));
    audit.record("CREATE", "app_user", username, "visitor " + PhoneNumbers.mask(phone));
    return username;
  }

  /** The visitor phone an account is bound to. */
  public Optional<String> phoneOf(String username) {
    return jdbc
        .queryForList(
            "select visitor_phone from visitor_account where username = ?", String.class, username)
        .stream()
        .findFirst();
  }

  private Optional<String> boundTo(String phone) {
    return jdbc
        .queryForList(
            "select username from visitor_account where visitor_phone = ?", String.class, phone)
        .stream()
        .findFirst();
  }
}
