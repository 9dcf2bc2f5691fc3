package org.tanfang.outcomes;

import java.util.List;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/** The outcome log's filters break rules; every problem is named with its parameter. */
public class InvalidFilterException extends InvalidInputException {
  InvalidFilterException(List<FieldProblem> problems) {
    super("Invalid outcome log filter", problems);
  }
}
