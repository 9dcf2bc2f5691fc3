package org.tanfang.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tanfang.shared.FieldProblem;

/**
 * What a new password must be: at least {@code tanfang.security.password.min-length} characters
 * (default 10), not the user name (nor containing it), not one of a small built-in list of leaked
 * common passwords ({@code security/common-passwords.txt}), and not the current password.
 */
@Component
public class PasswordPolicy {
  private final int minLength;
  private final Set<String> common;

  PasswordPolicy(@Value("${tanfang.security.password.min-length:10}") int minLength) {
    this.minLength = minLength;
    try (InputStream in =
        PasswordPolicy.class.getResourceAsStream("/security/common-passwords.txt")) {
      this.common =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .map(l -> l.toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet());
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("security/common-passwords.txt missing", e);
    }
  }

  public int minLength() {
    return minLength;
  }

  /** The rules this password breaks, under {@code field}; empty when it is acceptable. */
  public List<FieldProblem> check(String field, String username, String password) {
    List<FieldProblem> problems = new ArrayList<>();
    if (password == null || password.isBlank()) {
      problems.add(FieldProblem.of(field, "required"));
      return problems;
    }
    if (password.codePointCount(0, password.length()) < minLength) {
      problems.add(FieldProblem.of(field, "password.tooShort", minLength));
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (username != null
        && !username.isBlank()
        && lower.contains(username.strip().toLowerCase(Locale.ROOT))) {
      problems.add(FieldProblem.of(field, "password.containsUsername"));
    }
    if (common.contains(lower)) {
      problems.add(FieldProblem.of(field, "password.common"));
    }
    return problems;
  }
}
