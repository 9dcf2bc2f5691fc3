package org.tanfang.registry;

import java.util.List;

/** The submitted elder breaks registry rules; carries every problem found. */
public class InvalidElderException extends InvalidInputException {
  public InvalidElderException(List<FieldProblem> problems) {
    super("Invalid elder", problems);
  }
}
