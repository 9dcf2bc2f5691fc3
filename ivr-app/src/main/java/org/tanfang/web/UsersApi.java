package org.tanfang.web;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.dialer.StaffPhoneNumbers;
import org.tanfang.security.AuditLog;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * A user's phone for click-to-call: a SIP extension (staff1, 8001) or a mobile/landline number. An
 * administrator sets anyone's; every user may set their own.
 */
@RestController
@RequestMapping("/api/users")
class UsersApi {
  private final UserAccounts accounts;
  private final AuditLog audit;
  private final org.tanfang.security.UserAdmin admin;
  private final org.tanfang.security.Callers callers;

  UsersApi(
      UserAccounts accounts,
      AuditLog audit,
      org.tanfang.security.UserAdmin admin,
      org.tanfang.security.Callers callers) {
    this.accounts = accounts;
    this.audit = audit;
    this.admin = admin;
    this.callers = callers;
  }

  /** What an administrator sends to create or change an account. */
  record AccountBody(
      String username,
      String displayName,
      String role,
      String district,
      String street,
      String community,
      String phone,
      Boolean enabled) {}

  record NewPassword(String username, String password, boolean mustChange) {}

  /** Every account (ADMIN). */
  @GetMapping
  List<UserAccounts.Account> list() {
    return accounts.list();
  }

  /** 201 with the generated first password, shown only in this answer. */
  @org.springframework.web.bind.annotation.PostMapping
  ResponseEntity<NewPassword> create(@RequestBody AccountBody body, Authentication auth) {
    AccountBody b =
        body == null ? new AccountBody(null, null, null, null, null, null, null, null) : body;
    String password =
        admin.create(
            callers.of(auth),
            AccountsPages.form(
                b.username(),
                b.displayName(),
                b.role(),
                b.district(),
                b.street(),
                b.community(),
                b.phone(),
                true));
    return ResponseEntity.created(java.net.URI.create("/api/users/" + b.username().strip()))
        .body(new NewPassword(b.username().strip(), password, true));
  }

  @PutMapping("/{username}")
  ResponseEntity<UserAccounts.Account> update(
      @PathVariable String username, @RequestBody AccountBody body, Authentication auth) {
    AccountBody b =
        body == null ? new AccountBody(null, null, null, null, null, null, null, null) : body;
    boolean found =
        admin.update(
            callers.of(auth),
            username,
            AccountsPages.form(
                username,
                b.displayName(),
                b.role(),
                b.district(),
                b.street(),
                b.community(),
                b.phone(),
                b.enabled() == null || b.enabled()));
    return found ? ResponseEntity.of(accounts.find(username)) : ResponseEntity.notFound().build();
  }

  @org.springframework.web.bind.annotation.PostMapping("/{username}/reset-password")
  ResponseEntity<NewPassword> reset(@PathVariable String username, Authentication auth) {
    return admin
        .resetPassword(callers.of(auth), username)
        .map(p -> ResponseEntity.ok(new NewPassword(username, p, true)))
        .orElse(ResponseEntity.notFound().build());
  }

  record PhoneBody(String phone) {}

  record UserPhone(String username, String phone) {}

  @GetMapping("/{username}/phone")
  ResponseEntity<UserPhone> phone(@PathVariable String username, Authentication auth) {
    allowed(username, auth);
    if (!accounts.exists(username)) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok(new UserPhone(username, accounts.phone(username).orElse(null)));
  }

  /** 200 with the phone as stored; {@code {"phone": null}} clears it. */
  @PutMapping("/{username}/phone")
  ResponseEntity<UserPhone> setPhone(
      @PathVariable String username, @RequestBody PhoneBody body, Authentication auth) {
    allowed(username, auth);
    String given = body == null ? null : body.phone();
    String phone = null;
    if (given != null && !given.isBlank()) {
      phone =
          StaffPhoneNumbers.normalise(given)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "Phone of " + username,
                          List.of(FieldProblem.of("phone", "staffPhone.invalid", given))));
    }
    if (!accounts.setPhone(username, phone)) {
      return ResponseEntity.notFound().build();
    }
    audit.record("UPDATE", "app_user", null, username + " phone");
    return ResponseEntity.ok(new UserPhone(username, phone));
  }

  private static void allowed(String username, Authentication auth) {
    boolean admin =
        auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    if (!admin && !auth.getName().equals(username)) {
      throw new org.springframework.security.access.AccessDeniedException("not your account");
    }
  }
}
