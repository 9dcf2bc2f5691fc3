package org.tanfang.registry;

import java.util.List;

/** The submitted elder breaks registry rules; carries every problem found. */
public class InvalidElderException extends RuntimeException {
  private final List<FieldProblem> problems;

  public InvalidElderException(List<FieldProblem> problems) {
    super("Invalid elder: " + problems);
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
