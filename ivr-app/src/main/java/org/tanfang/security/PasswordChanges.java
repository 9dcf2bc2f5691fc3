package org.tanfang.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * A user changing their own password: the current one is checked (through {@link SignInGuard}, so
 * this is no way round the sign-in throttle), the new one must pass {@link PasswordPolicy}.
 */
@Service
public class PasswordChanges {
  /** Session attribute: who signed in with a password that must be changed first. */
  public static final String EXPIRED_USER = "tanfang.passwordExpiredUser";

  private final UserAccounts accounts;
  private final PasswordPolicy policy;
  private final SignInGuard guard;
  private final AuditLog audit;

  PasswordChanges(UserAccounts accounts, PasswordPolicy policy, SignInGuard guard, AuditLog audit) {
    this.accounts = accounts;
    this.policy = policy;
    this.guard = guard;
    this.audit = audit;
  }

  /** Changes the password, or throws naming every problem (nothing is changed then). */
  @Transactional
  public void change(
      String username, String current, String newPassword, String confirm, String address) {
    guard.check(username, address);
    List<FieldProblem> problems = new ArrayList<>();
    if (username == null || !accounts.matches(username, current)) {
      guard.failed(username, address);
      problems.add(FieldProblem.of("currentPassword", "password.wrong"));
      throw new InvalidInputException("Password change of " + username, problems);
    }
    problems.addAll(policy.check("newPassword", username, newPassword));
    if (newPassword != null && newPassword.equals(current)) {
      problems.add(FieldProblem.of("newPassword", "password.same"));
    }
    if (newPassword != null && !newPassword.equals(confirm)) {
      problems.add(FieldProblem.of("confirmPassword", "password.mismatch"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Password change of " + username, problems);
    }
    accounts.setPassword(username, newPassword);
    audit.record(username, "PASSWORD_CHANGED", "app_user", username, null, null);
  }
}
