package org.tanfang.speech;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tanfang.speech.Reading.Token;
import org.tanfang.speech.TermScanner.Scan;
import org.tanfang.speech.Understanding.ModelOpinion;

/**
 * Understands an elder's spoken answer from its transcript, in three readings:
 *
 * <ol>
 *   <li><b>Rules</b> ({@link RuleWeigher}): the transcript is segmented into words ({@link
 *       WordSegmenter}), lexicon terms are found on words ({@link TermScanner}), negation and
 *       degree are resolved ({@link Reading}) and the terms weighed. Rules alone decide HELP.
 *   <li><b>Model</b> ({@link IntentModel}): naive Bayes over character n-grams, trained at start-up
 *       from the development corpus ({@link DevCorpus}).
 *   <li><b>Review</b> ({@link ReviewPolicy}): the two readings and the distress-like evidence give
 *       the final intent and whether a person should listen ({@link Review}, decision table there).
 * </ol>
 *
 * <p>Cost is linear in the length of the text; callers facing the public (the REST API) refuse
 * texts longer than {@link #MAX_TEXT_LENGTH}. Thread-safe and immutable.
 */
public final class IntentClassifier {

  /** The longest text the REST API accepts, in characters (a reply is at most ~8 s of speech). */
  public static final int MAX_TEXT_LENGTH = 2000;

  /** An answer's understanding, and for a confirmation question its yes/no answer. */
  public record Interpretation(Understanding understanding, Optional<Confirmation> confirmation) {}

  private record Analysis(String normalized, List<String> units, List<Token> tokens, Scan scan) {}

  private final Map<Language, Lexicon> lexicons;
  private final Map<Language, WordSegmenter> segmenters;
  private final Map<Language, IntentModel> models;
  private final Questions questions;
  private final ReviewPolicy policy;

  /** Rules only, no model. */
  public IntentClassifier(Map<Language, Lexicon> lexicons, Questions questions) {
    this(lexicons, questions, Map.of());
  }

  IntentClassifier(
      Map<Language, Lexicon> lexicons, Questions questions, Map<Language, IntentModel> models) {
    this.lexicons = new EnumMap<>(lexicons);
    this.questions = questions;
    this.models = models.isEmpty() ? Map.of() : new EnumMap<>(models);
    this.policy = ReviewPolicy.DEFAULT;
    Map<Language, WordSegmenter> segmenters = new EnumMap<>(Language.class);
    lexicons.forEach((language, lexicon) -> segmenters.put(language, new WordSegmenter(lexicon)));
    this.segmenters = segmenters;
  }

  private IntentClassifier(
      IntentClassifier rules, Map<Language, IntentModel> models, ReviewPolicy policy) {
    this.lexicons = rules.lexicons;
    this.questions = rules.questions;
    this.segmenters = rules.segmenters;
    this.models = models.isEmpty() ? Map.of() : new EnumMap<>(models);
    this.policy = policy;
  }

  /**
   * A classifier over the lexicons and question table on the class path, with a model per language
   * trained on the development corpus on the class path.
   */
  public static IntentClassifier loadDefault() {
    return loadDefault(false);
  }

  /**
   * The same, with the demotion row ({@link ReviewPolicy#DEMOTE}) switched on or off: a lexicon
   * HELP the model confidently reads as another answer is shown as that answer, reviewed URGENT.
   */
  public static IntentClassifier loadDefault(boolean demoteRuleHelp) {
    Map<Language, Lexicon> lexicons = new EnumMap<>(Language.class);
    Map<Language, IntentModel> models = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      lexicons.put(language, Lexicon.load(language));
      models.put(language, train(language, DevCorpus.load(language)));
    }
    IntentClassifier classifier = new IntentClassifier(lexicons, Questions.load(), models);
    return demoteRuleHelp
        ? classifier.withPolicy(
            ReviewPolicy.DEFAULT.withDemotion(ReviewPolicy.DEMOTE, ReviewPolicy.DEMOTE_HELP_BELOW))
        : classifier;
  }

  /** The same rules with other models (none: rules only), e.g. trained on part of the corpus. */
  IntentClassifier withModels(Map<Language, IntentModel> other) {
    return new IntentClassifier(this, other, policy);
  }

  /** The same readers with other review thresholds (for tuning them). */
  IntentClassifier withPolicy(ReviewPolicy other) {
    return new IntentClassifier(this, models, other);
  }

  /**
   * Whether the model learns the identity question's CONFIRMED and DENIED replies ({@link
   * IntentModel#LABELS}); without them identity rows count only when labelled HELP or UNCLEAR.
   */
  static final boolean LEARN_CONFIRMATIONS = true;

  /** A model trained on labelled rows. */
  static IntentModel train(Language language, List<DevCorpus.Row> rows) {
    return train(language, rows, IntentModel.LEARNER, IntentModel.LOGISTIC_C);
  }

  /** The same with another learner (for choosing one). */
  static IntentModel train(
      Language language, List<DevCorpus.Row> rows, IntentModel.Learner learner, double c) {
    return train(language, rows, learner, c, null);
  }

  /** The same with features beyond the n-grams (null: none; for choosing them). */
  static IntentModel train(
      Language language,
      List<DevCorpus.Row> rows,
      IntentModel.Learner learner,
      double c,
      IntentModel.Extra extra) {
    return train(language, rows, learner, c, extra, LEARN_CONFIRMATIONS);
  }

  /** The same, learning the confirmations or not (for measuring that). */
  static IntentModel train(
      Language language,
      List<DevCorpus.Row> rows,
      IntentModel.Learner learner,
      double c,
      IntentModel.Extra extra,
      boolean confirmations) {
    List<IntentModel.Example> examples = new ArrayList<>();
    for (DevCorpus.Row row : rows) {
      String label = row.expected();
      boolean intent = IntentModel.CLASSES.stream().anyMatch(i -> i.name().equals(label));
      boolean confirmation = label.equals("CONFIRMED") || label.equals("DENIED");
      if (intent || (confirmations && confirmation)) {
        List<String> units = TextNormalizer.units(row.utterance(), language);
        examples.add(new IntentModel.Example(units, row.questionId(), label));
      }
    }
    return IntentModel.train(language, examples, learner, c, extra);
  }

  public Questions questions() {
    return questions;
  }

  public Lexicon lexicon(Language language) {
    Lexicon lexicon = lexicons.get(language);
    if (lexicon == null) {
      throw new IllegalArgumentException("No lexicon for language " + language.code());
    }
    return lexicon;
  }

  /** Understands an answer given without question context. */
  public Understanding classify(String transcript, Language language) {
    return classify(transcript, language, null);
  }

  /**
   * Understands the answer to the question {@code questionId} (null: no context).
   *
   * @throws IllegalArgumentException for an unknown question, or a confirmation question (use
   *     {@link #confirm} or {@link #interpret})
   */
  public Understanding classify(String transcript, Language language, String questionId) {
    Questions.Rule rule = rule(questionId);
    if (rule != null && rule.confirm()) {
      throw new IllegalArgumentException(
          "Question '" + questionId + "' is a yes/no confirmation: use confirm()");
    }
    Analysis analysis = analyse(transcript, language, Steps.ignored());
    if (analysis.units().isEmpty()) {
      return Understanding.silent();
    }
    Understanding rules = RuleWeigher.decide(analysis.tokens(), rule, analysis.normalized());
    return policy(language)
        .decide(rules, opinion(language, analysis, questionId), alarms(analysis), rule);
  }

  /**
   * Understands the answer to a yes/no confirmation such as the identity question. A denial beats a
   * yes, because a yes is often only acknowledgement (嗯，他不在 is DENIED); distress beats both.
   */
  public Confirmation confirm(String transcript, Language language) {
    Analysis analysis = analyse(transcript, language, Steps.ignored());
    if (analysis.units().isEmpty()) {
      return new Confirmation(Confirmation.Answer.SILENT, List.of(), "");
    }
    return RuleWeigher.confirm(analysis.tokens(), analysis.normalized());
  }

  /**
   * Understands the answer to any question (null: none). For a confirmation question (identity) the
   * understanding is the reading without question context but with no needs — a misheard identity
   * reply never becomes a need — and its review follows the confirmation.
   */
  public Interpretation interpret(String transcript, Language language, String questionId) {
    Questions.Rule rule = rule(questionId);
    if (rule == null || !rule.confirm()) {
      return new Interpretation(classify(transcript, language, questionId), Optional.empty());
    }
    Analysis analysis = analyse(transcript, language, Steps.ignored());
    if (analysis.units().isEmpty()) {
      return new Interpretation(
          Understanding.silent(),
          Optional.of(new Confirmation(Confirmation.Answer.SILENT, List.of(), "")));
    }
    Confirmation heard = RuleWeigher.confirm(analysis.tokens(), analysis.normalized());
    IntentModel trained = models.get(language);
    // Not spread over the intents: a plain 是我 the model reads as CONFIRMED is not distress.
    ModelOpinion model =
        trained == null ? null : trained.opinion(analysis.units(), questionId, true);
    List<String> alarms = alarms(analysis);
    ReviewPolicy policy = policy(language);
    Confirmation.Answer answer =
        policy.confirmed(
            heard.answer(),
            trained == null ? null : trained.confirmation(analysis.units(), questionId),
            alarms);
    Confirmation confirmation =
        answer == heard.answer()
            ? heard
            : new Confirmation(answer, heard.matched(), heard.normalizedText());
    Understanding rules = RuleWeigher.decide(analysis.tokens(), null, analysis.normalized());
    Understanding understanding =
        policy
            .withoutDemotion() // the confirmation's HELP decides here, the intent must agree
            .decide(rules, model, alarms, null)
            .withNeeds(Set.of())
            .withReview(policy.confirmation(heard.answer(), answer, heard, model, alarms));
    if (answer == Confirmation.Answer.HELP && understanding.intent() != Intent.HELP) {
      understanding = understanding.withIntent(Intent.HELP);
    }
    return new Interpretation(understanding, Optional.of(confirmation));
  }

  /** The rules' reading alone, without model or review (for the figures). */
  Understanding rulesOnly(String transcript, Language language, String questionId) {
    Analysis analysis = analyse(transcript, language, Steps.ignored());
    if (analysis.units().isEmpty()) {
      return Understanding.silent();
    }
    return RuleWeigher.decide(analysis.tokens(), rule(questionId), analysis.normalized());
  }

  /** The model's reading alone, or null without a model for the language. */
  ModelOpinion modelOnly(String transcript, Language language, String questionId) {
    List<String> units = TextNormalizer.units(transcript, language);
    IntentModel model = models.get(language);
    return model == null || units.isEmpty() ? null : model.opinion(units, questionId);
  }

  /** The steps the rules take to read a text: grows linearly with the text. */
  long steps(String transcript, Language language) {
    Steps steps = new Steps();
    analyse(transcript, language, steps);
    return steps.count();
  }

  /** The review policy for a language's model (a small model does not overrule the rules). */
  private ReviewPolicy policy(Language language) {
    IntentModel model = models.get(language);
    return model == null ? policy : policy.forModelOf(model.examples());
  }

  private Questions.Rule rule(String questionId) {
    return questionId == null ? null : questions.rule(questionId);
  }

  private Analysis analyse(String transcript, Language language, Steps steps) {
    Lexicon lexicon = lexicon(language);
    List<String> units = TextNormalizer.units(transcript, language);
    String normalized = TextNormalizer.join(units, language);
    boolean[] words = segmenters.get(language).boundaries(units);
    Scan scan = TermScanner.scan(lexicon, units, words, steps);
    return new Analysis(normalized, units, Reading.read(scan, steps), scan);
  }

  private ModelOpinion opinion(Language language, Analysis analysis, String questionId) {
    IntentModel model = models.get(language);
    return model == null ? null : model.opinion(analysis.units(), questionId);
  }

  private static List<String> alarms(Analysis analysis) {
    return RuleWeigher.alarms(analysis.tokens(), analysis.scan().buried());
  }
}
