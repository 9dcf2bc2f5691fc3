package org.tanfang.registry;

import java.util.List;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/** The submitted elder breaks registry rules; carries every problem found. */
public class InvalidElderException extends InvalidInputException {
  public InvalidElderException(List<FieldProblem> problems) {
    super("Invalid elder", problems);
  }
}
