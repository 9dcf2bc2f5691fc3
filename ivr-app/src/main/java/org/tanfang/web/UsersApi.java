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

  UsersApi(UserAccounts accounts, AuditLog audit) {
    this.accounts = accounts;
    this.audit = audit;
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
