package org.tanfang.callflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tanfang.callflow.Questionnaire.Question;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the next call asks about first, as data (src/main/resources/callflow/followups-v*.json),
 * versioned like the questionnaire: each follow-up answer names its rule as {@code
 * followups-v1/unwell} ({@code visit_answer.follow_up_rule}).
 *
 * @param maxPerCall at most this many follow-ups per call (rules in file order), so the call stays
 *     short
 * @param keys what each key means at a follow-up (the questionnaire's transfer keys still apply)
 * @param acknowledgedPrompt said instead of the question when staff resolved the need since
 */
public record FollowUpRules(
    String id,
    int version,
    String description,
    int maxPerCall,
    Map<String, Intent> keys,
    String acknowledgedPrompt,
    List<Rule> rules) {

  /**
   * One rule: when the previous visit's answer in {@code area} was one of {@code intents}, ask
   * {@code prompt}.
   *
   * @param acknowledgeWhenResolved an escalation type (e.g. {@code NEEDS}): if the elder's case of
   *     that type was resolved after the answer and none is open, the call acknowledges it instead
   *     of asking; null: always ask
   */
  public record Rule(
      String id, Area area, List<Intent> intents, String prompt, String acknowledgeWhenResolved) {

    /** {@code followup-unwell}: the {@code visit_answer.question_id} of its answers. */
    public String questionId() {
      return "followup-" + id;
    }
  }

  public static FollowUpRules load(InputStream json) {
    try (json) {
      FollowUpRules r = JsonMapper.builder().build().readValue(json, FollowUpRules.class);
      r.check();
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code followups-v1}. */
  public String versionId() {
    return id + "-v" + version;
  }

  /** {@code followups-v1/unwell}: what {@code visit_answer.follow_up_rule} records. */
  public String ruleRef(Rule rule) {
    return versionId() + "/" + rule.id();
  }

  /** The rule as a question the conversation asks; NOT_BETTER earns the closing promise. */
  Question question(Rule rule) {
    return new Question(
        rule.questionId(), Area.FOLLOW_UP, rule.prompt(), keys, List.of(Intent.NOT_BETTER));
  }

  /** Every prompt id these rules can play (the voice-prompts catalogue must have each). */
  public Set<String> promptIds() {
    Set<String> ids = new LinkedHashSet<>();
    rules.forEach(r -> ids.add(r.prompt()));
    ids.add(acknowledgedPrompt);
    return ids;
  }

  private void check() {
    String v = versionId();
    if (maxPerCall < 0) {
      throw new IllegalStateException(v + ": maxPerCall must not be negative");
    }
    if (keys == null
        || !keys.containsValue(Intent.BETTER)
        || !keys.containsValue(Intent.NOT_BETTER)) {
      throw new IllegalStateException(v + ": keys must give BETTER and NOT_BETTER");
    }
    if (acknowledgedPrompt == null || acknowledgedPrompt.isBlank()) {
      throw new IllegalStateException(v + ": acknowledgedPrompt is missing");
    }
    Set<String> seen = new HashSet<>();
    for (Rule r : rules) {
      if (r.id() == null || !r.id().matches("[a-z0-9-]{1,30}") || !seen.add(r.id())) {
        throw new IllegalStateException(v + ": rule id " + r.id() + " is invalid or repeated");
      }
      if (r.area() == null
          || r.area() == Area.IDENTITY
          || r.area() == Area.CONTACT
          || r.area() == Area.FOLLOW_UP) {
        throw new IllegalStateException(v + ": rule " + r.id() + " must follow up a visit area");
      }
      if (r.intents() == null || r.intents().isEmpty()) {
        throw new IllegalStateException(v + ": rule " + r.id() + " has no intents");
      }
      if (r.acknowledgeWhenResolved() != null
          && !r.acknowledgeWhenResolved().matches("[A-Z_]{1,12}")) {
        throw new IllegalStateException(
            v + ": rule " + r.id() + ": acknowledgeWhenResolved must be an escalation type");
      }
      if (r.prompt() == null || r.prompt().isBlank()) {
        throw new IllegalStateException(v + ": rule " + r.id() + " has no prompt");
      }
    }
  }
}
