package org.tanfang.callflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/** Loads the configured questionnaire once, at start-up, so a broken file stops the start. */
@Component
public class QuestionnaireSource {
  private final Questionnaire current;

  QuestionnaireSource(CallflowProperties props, ResourceLoader resources) {
    try {
      this.current =
          Questionnaire.load(resources.getResource(props.questionnaire()).getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + props.questionnaire(), e);
    }
  }

  public Questionnaire current() {
    return current;
  }
}
