package org.tanfang.speech;

import java.util.List;
import org.tanfang.registry.FieldProblem;

/** A speech API request with bad fields (unknown language or question, not a WAV file). */
public class InvalidSpeechRequestException extends RuntimeException {
  private final List<FieldProblem> problems;

  public InvalidSpeechRequestException(List<FieldProblem> problems) {
    super("Invalid speech request: " + problems);
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
