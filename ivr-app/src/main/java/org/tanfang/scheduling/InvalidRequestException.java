package org.tanfang.scheduling;

import java.util.List;
import org.tanfang.registry.FieldProblem;

/** A scheduling request breaks rules; every problem is named with its field. */
public class InvalidRequestException extends RuntimeException {
  private final List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super("Invalid request: " + problems);
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
