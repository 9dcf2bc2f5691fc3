package org.tanfang.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * Administrators managing accounts: create (with a generated first password), change role, name,
 * region scope, phone and whether enabled, reset a password (generated). Generated passwords are
 * shown once and must be changed at the next sign-in. An administrator hands out only scopes inside
 * their own. Every change is audited.
 */
@Service
public class UserAdmin {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,40}");

  private final UserAccounts accounts;
  private final AuditLog audit;

  UserAdmin(UserAccounts accounts, AuditLog audit) {
    this.accounts = accounts;
    this.audit = audit;
  }

  /** What an administrator sets on an account; phone already normalised (or null). */
  public record AccountForm(
      String username,
      String displayName,
      String role,
      RegionScope scope,
      String phone,
      Boolean enabled) {}

  /** Creates the account and returns its generated first password. */
  @Transactional
  public String create(Caller admin, AccountForm form) {
    List<FieldProblem> problems = new ArrayList<>();
    String username = form.username() == null ? "" : form.username().strip();
    if (!USERNAME.matcher(username).matches()) {
      problems.add(FieldProblem.of("username", "username.invalid"));
    } else if (accounts.exists(username)) {
      problems.add(FieldProblem.of("username", "username.taken"));
    }
    Role role = check(admin, form, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("New account", problems);
    }
    String password = InitialAccounts.randomPassword();
    accounts.create(username, password, role, form.displayName().strip(), form.scope());
    accounts.setTemporaryPassword(username, password);
    if (form.phone() != null) {
      accounts.setPhone(username, form.phone());
    }
    audit.record("CREATE", "app_user", username, role + " " + form.scope());
    return password;
  }

  /** Changes an account; false when there is none. */
  @Transactional
  public boolean update(Caller admin, String username, AccountForm form) {
    if (!accounts.exists(username)) {
      return false;
    }
    List<FieldProblem> problems = new ArrayList<>();
    Role role = check(admin, form, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Account " + username, problems);
    }
    boolean enabled = form.enabled() == null || form.enabled();
    accounts.update(
        username, form.displayName().strip(), role, form.scope(), form.phone(), enabled);
    audit.record(
        "UPDATE", "app_user", username, role + " " + form.scope() + (enabled ? "" : " disabled"));
    return true;
  }

  /** A new generated password, to be changed at the next sign-in; empty when no such user. */
  @Transactional
  public java.util.Optional<String> resetPassword(Caller admin, String username) {
    if (!accounts.exists(username)) {
      return java.util.Optional.empty();
    }
    String password = InitialAccounts.randomPassword();
    accounts.setTemporaryPassword(username, password);
    audit.record("RESET_PASSWORD", "app_user", username, null);
    return java.util.Optional.of(password);
  }

  private static Role check(Caller admin, AccountForm form, List<FieldProblem> problems) {
    if (form.displayName() == null || form.displayName().isBlank()) {
      problems.add(FieldProblem.of("displayName", "required"));
    } else if (form.displayName().strip().length() > 50) {
      problems.add(FieldProblem.of("displayName", "text.tooLong", 50));
    }
    Role role = null;
    try {
      role = Role.valueOf(form.role() == null ? "" : form.role().strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      problems.add(FieldProblem.of("role", "role.invalid"));
    }
    if (form.scope() == null) {
      problems.add(FieldProblem.of("district", "required"));
    } else if (!admin.scope().covers(form.scope())) {
      problems.add(FieldProblem.of("district", "scope.notCovered"));
    }
    return role;
  }
}
