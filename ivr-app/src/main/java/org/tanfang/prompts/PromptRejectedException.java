package org.tanfang.prompts;

import java.util.List;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/** A recording or request refused, with the HTTP status it answers (400, 404 or 415). */
public class PromptRejectedException extends InvalidInputException {
  private final int status;

  PromptRejectedException(int status, FieldProblem problem) {
    this(status, List.of(problem));
  }

  PromptRejectedException(int status, List<FieldProblem> problems) {
    super("voice prompt", problems);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
