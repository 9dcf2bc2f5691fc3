package org.tanfang.shared;

import java.util.List;

/**
 * Input that breaks rules, with every problem named by field: the REST API answers it with 400 and
 * a message per field in Chinese and English. Features subclass it for their own requests.
 */
public class InvalidInputException extends RuntimeException {
  private final List<FieldProblem> problems;

  public InvalidInputException(String what, List<FieldProblem> problems) {
    super(what + ": " + problems);
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
