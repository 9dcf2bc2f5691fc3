package org.tanfang.speech;

import java.util.List;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/** A speech API request with bad fields (unknown language or question, not a WAV file). */
public class InvalidSpeechRequestException extends InvalidInputException {
  public InvalidSpeechRequestException(List<FieldProblem> problems) {
    super("Invalid speech request", problems);
  }
}
