package org.tanfang.speech;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.tanfang.speech.Reading.Token;

/**
 * The rules: weighs the lexicon terms read in an answer ({@link Reading}) into an intent. The rules
 * themselves are data (the lexicons and the question table); this class only weighs what they find.
 *
 * <p>How an answer is weighed, strongest first:
 *
 * <ol>
 *   <li>No speech: SILENT.
 *   <li>Any distress term not negated right before it: HELP, whatever the question and whatever
 *       else was said. Bias: a false alarm costs a staff call, a missed distress can cost a life,
 *       so distress is matched loosely and negated only narrowly (see {@link Reading}), and a
 *       recovery word never cancels it (前几天摔了一跤，现在好了 is still HELP).
 *   <li>A health complaint (or a negated fine word, 不是很好) that no later recovery word (好多了)
 *       cancels: UNWELL. A complaint beats fine words, so 好是好，就是腿疼 is UNWELL. A generic bad word
 *       (不好, 不行) means what the question says: UNWELL about health, a COMPANY need about family, …
 *   <li>A need: NEEDS. Needs are reported whatever the intent (UNWELL with MEDICINE); OTHER only
 *       when no more specific kind was heard.
 *   <li>A fine word, or a negated complaint, need or distress (没事, 没有摔倒, 不缺钱): FINE.
 *   <li>A bare yes or no leading the answer (有 / 嗯，没有): what the question says it means; with no
 *       question, or both yes and no, UNCLEAR.
 *   <li>Otherwise (only fillers such as 嗯啊, or nothing known): UNCLEAR.
 * </ol>
 */
final class RuleWeigher {

  private RuleWeigher() {}

  static Understanding decide(List<Token> tokens, Questions.Rule rule, String normalized) {
    Set<NeedKind> needs = EnumSet.noneOf(NeedKind.class);
    List<String> needLabels = new ArrayList<>();
    for (Token token : tokens) {
      if (!token.negated() && token.term().need() != null && isNeedOrHelp(token)) {
        needs.add(token.term().need());
        needLabels.add(token.label());
      }
    }
    if (needs.size() > 1) {
      needs.remove(NeedKind.OTHER); // "需要帮忙拿药" is a MEDICINE need, not also OTHER
    }
    List<String> help = labels(tokens, t -> t.meaning() == Role.HELP && !t.negated());
    if (!help.isEmpty()) {
      return new Understanding(Intent.HELP, needs, help, normalized);
    }
    int recoveredAt = lastRecovery(tokens);
    List<String> unwell = labels(tokens, t -> complaint(t, Role.UNWELL) && t.start() > recoveredAt);
    if (!unwell.isEmpty()) {
      return new Understanding(Intent.UNWELL, needs, concat(unwell, needLabels), normalized);
    }
    List<String> bad = labels(tokens, t -> isBad(t) && t.start() > recoveredAt);
    if (!bad.isEmpty()) {
      Questions.Outcome outcome =
          rule == null ? new Questions.Outcome(Intent.UNWELL, null) : rule.bad();
      return outcome(outcome, needs, concat(bad, needLabels), normalized);
    }
    if (!needs.isEmpty()) {
      return new Understanding(Intent.NEEDS, needs, needLabels, normalized);
    }
    List<String> fine = labels(tokens, RuleWeigher::isFine);
    if (!fine.isEmpty()) {
      return new Understanding(Intent.FINE, needs, fine, normalized);
    }
    List<String> yes = labels(tokens, t -> t.meaning() == Role.YES && t.leading());
    List<String> no = labels(tokens, t -> t.meaning() == Role.NO && t.leading());
    if (rule != null && yes.isEmpty() != no.isEmpty()) {
      Questions.Outcome outcome = yes.isEmpty() ? rule.no() : rule.yes();
      return outcome(outcome, needs, yes.isEmpty() ? no : yes, normalized);
    }
    return new Understanding(Intent.UNCLEAR, needs, List.of(), normalized);
  }

  private static boolean isNeedOrHelp(Token token) {
    return token.meaning() == Role.NEEDS || token.meaning() == Role.HELP;
  }

  private static boolean complaint(Token token, Role role) {
    return token.meaning() == role && !token.negated();
  }

  /** A generic bad word, or a fine word negated (不是很好, 没好). */
  private static boolean isBad(Token token) {
    Role meaning = token.meaning();
    return complaint(token, Role.BAD)
        || (token.negated() && (meaning == Role.FINE || meaning == Role.RECOVERED));
  }

  /** A fine word, or a complaint, need or distress that was negated. */
  private static boolean isFine(Token token) {
    Role meaning = token.meaning();
    if (meaning == Role.FINE || meaning == Role.RECOVERED) {
      return !token.negated();
    }
    return token.negated()
        && (meaning == Role.BAD
            || meaning == Role.UNWELL
            || meaning == Role.NEEDS
            || meaning == Role.HELP);
  }

  /** Where the last recovery word starts (complaints before it are over), or -1. */
  private static int lastRecovery(List<Token> tokens) {
    int at = -1;
    for (Token token : tokens) {
      if (token.meaning() == Role.RECOVERED && !token.negated()) {
        at = token.start();
      }
    }
    return at;
  }

  private static Understanding outcome(
      Questions.Outcome outcome, Set<NeedKind> needs, List<String> matched, String normalized) {
    Set<NeedKind> all = EnumSet.noneOf(NeedKind.class);
    all.addAll(needs);
    if (outcome.need() != null && needs.isEmpty()) {
      all.add(outcome.need());
    }
    return new Understanding(outcome.intent(), all, matched, normalized);
  }

  private static List<String> labels(List<Token> tokens, Predicate<Token> wanted) {
    return tokens.stream().filter(wanted).map(Token::label).toList();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /**
   * The answer to a yes/no confirmation such as the identity question. A denial beats a yes,
   * because a yes is often only acknowledgement (嗯，他不在 is DENIED); distress beats both.
   */
  static Confirmation confirm(List<Token> tokens, String normalized) {
    List<String> help = labels(tokens, t -> t.meaning() == Role.HELP && !t.negated());
    if (!help.isEmpty()) {
      return new Confirmation(Confirmation.Answer.HELP, help, normalized);
    }
    // A negated denial stays a denial ("no, she's not here"); a negated yes is a denial (不对).
    List<String> no =
        labels(tokens, t -> t.has(Role.CONFIRM_NO) || (t.has(Role.CONFIRM_YES) && t.negated()));
    if (!no.isEmpty()) {
      return new Confirmation(Confirmation.Answer.DENIED, no, normalized);
    }
    List<String> yes = labels(tokens, t -> t.has(Role.CONFIRM_YES));
    if (!yes.isEmpty()) {
      return new Confirmation(Confirmation.Answer.CONFIRMED, yes, normalized);
    }
    return new Confirmation(Confirmation.Answer.UNCLEAR, List.of(), normalized);
  }

  /** Distress-like evidence: ALARM terms not negated, and distress terms buried inside words. */
  static List<String> alarms(List<Token> tokens, List<TermScanner.Match> buried) {
    List<String> alarms = new ArrayList<>(labels(tokens, t -> t.has(Role.ALARM) && !t.negated()));
    buried.forEach(match -> alarms.add(match.term().text()));
    return alarms;
  }
}
