package org.tanfang.web;

import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.visitors.VisitorAccounts;

/** VISITOR accounts (ADMIN, SUPERVISOR): README "Visitors". */
@RestController
@RequestMapping("/api/visitors")
class VisitorsApi {
  private final VisitorAccounts accounts;

  VisitorsApi(VisitorAccounts accounts) {
    this.accounts = accounts;
  }

  record Created(String username, String phone) {}

  /** 201 with the account; 400 naming each bad field. */
  @PostMapping
  ResponseEntity<Created> create(@RequestBody VisitorAccounts.NewVisitor body) {
    String username = accounts.create(body);
    return ResponseEntity.created(URI.create("/api/visitors/" + username))
        .body(new Created(username, accounts.phoneOf(username).orElse(null)));
  }
}
