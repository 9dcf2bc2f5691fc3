package org.tanfang.scheduling;

import java.util.List;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/** A scheduling request breaks rules; every problem is named with its field. */
public class InvalidRequestException extends InvalidInputException {
  public InvalidRequestException(List<FieldProblem> problems) {
    super("Invalid request", problems);
  }
}
