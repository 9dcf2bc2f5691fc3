package org.tanfang.callflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Month;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * The check-in conversation as data (src/main/resources/callflow/questionnaire-v*.json): what is
 * asked in which order, which keys mean what, and which prompt says it. Versioned; the id and
 * version are kept on each visit ({@code visit.script_id}).
 *
 * @param transferKeys keys that mean "put me through to a person" at any question
 * @param reprompts how often a question is asked again after silence or a wrong key
 */
public record Questionnaire(
    String id,
    int version,
    String description,
    int answerTimeoutSeconds,
    int reprompts,
    Map<String, Intent> transferKeys,
    FlowPrompts prompts,
    Question identity,
    List<Question> questions,
    List<Tip> tips) {

  /** Fixed sentences of the flow, by role. */
  public record FlowPrompts(
      String greeting,
      String notConfirmed,
      String noInput,
      String invalidKey,
      String transfer,
      String thanks,
      String followUp,
      String goodbye,
      String notUnderstood,
      String clarifyHelp) {
    List<String> all() {
      return List.of(
          greeting,
          notConfirmed,
          noInput,
          invalidKey,
          transfer,
          thanks,
          followUp,
          goodbye,
          notUnderstood,
          clarifyHelp);
    }
  }

  /** One question: its prompt and what each valid key means. */
  public record Question(
      String id, Area area, String prompt, Map<String, Intent> keys, List<Intent> followUp) {
    public Question {
      followUp = followUp == null ? List.of() : List.copyOf(followUp);
    }
  }

  /** A safety tip said in the given months (Haikou's seasons). */
  public record Tip(List<Integer> months, String prompt) {}

  public static Questionnaire load(InputStream json) {
    try (json) {
      Questionnaire q = JsonMapper.builder().build().readValue(json, Questionnaire.class);
      q.check();
      return q;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code checkin-v1}: what {@code visit.script_id} records. */
  public String scriptId() {
    return id + "-v" + version;
  }

  public Duration answerTimeout() {
    return Duration.ofSeconds(answerTimeoutSeconds);
  }

  public Optional<String> tipFor(Month month) {
    return tips.stream()
        .filter(t -> t.months().contains(month.getValue()))
        .map(Tip::prompt)
        .findFirst();
  }

  /** Every prompt id this questionnaire can play (the voice-prompts catalogue must have each). */
  public Set<String> promptIds() {
    Set<String> ids = new LinkedHashSet<>(prompts.all());
    ids.add(identity.prompt());
    questions.forEach(q -> ids.add(q.prompt()));
    tips.forEach(t -> ids.add(t.prompt()));
    return ids;
  }

  private void check() {
    if (questions.isEmpty() || questions.get(0).area() != Area.HEALTH) {
      throw new IllegalStateException(scriptId() + ": the first question must be about health");
    }
    for (Question q : questions) {
      for (String key : q.keys().keySet()) {
        if (transferKeys.containsKey(key)) {
          throw new IllegalStateException(
              scriptId() + ": key " + key + " of " + q.id() + " is a transfer key");
        }
      }
    }
    if (prompts.all().stream().anyMatch(p -> p == null || p.isBlank())) {
      throw new IllegalStateException(scriptId() + ": a flow prompt is missing");
    }
  }
}
