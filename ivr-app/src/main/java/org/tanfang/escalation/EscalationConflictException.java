package org.tanfang.escalation;

import java.util.List;

/**
 * The action does not fit the case as it stands now (already claimed by someone else, already
 * resolved...): HTTP 409 with the message {@code rule.<rule>} in Chinese and English.
 */
public class EscalationConflictException extends RuntimeException {
  private final String rule;
  private final List<Object> args;

  public EscalationConflictException(String rule, Object... args) {
    super(rule + " " + List.of(args));
    this.rule = rule;
    this.args = List.of(args);
  }

  public String rule() {
    return rule;
  }

  public List<Object> args() {
    return args;
  }
}
