package org.tanfang.web;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.security.SignInGuard;

/** Sign-in locks in force, for administrators, who may lift one early. */
@RestController
class SignInLocksApi {
  private final SignInGuard guard;

  SignInLocksApi(SignInGuard guard) {
    this.guard = guard;
  }

  @GetMapping("/api/security/sign-in-locks")
  List<SignInGuard.Lock> locks() {
    return guard.locks();
  }

  /** {@code key} as listed: {@code user:<name>} or {@code addr:<address>}; 404 when not locked. */
  @PostMapping("/api/security/sign-in-locks/unlock")
  ResponseEntity<Void> unlock(@RequestParam String key) {
    return guard.unlock(key)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }
}
