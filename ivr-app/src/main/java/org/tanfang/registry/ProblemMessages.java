package org.tanfang.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.tanfang.shared.FieldProblem;

/** Renders a {@link FieldProblem} as a sentence naming the field and the rule, in zh-CN and en. */
@Component
public class ProblemMessages {
  public static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
  public static final Locale EN = Locale.ENGLISH;

  private final MessageSource messages;

  ProblemMessages(MessageSource messages) {
    this.messages = messages;
  }

  public String render(FieldProblem problem, Locale locale) {
    String field =
        messages.getMessage("field." + problem.fieldKey(), null, problem.fieldKey(), locale);
    String index = problem.field().replaceAll("^[^\\[]*\\[(\\d+)].*$", "$1");
    if (!index.equals(problem.field())) {
      field = field + " " + (Integer.parseInt(index) + 1);
    }
    String rule =
        messages.getMessage(
            "rule." + problem.rule(), problem.args().toArray(), problem.rule(), locale);
    return field + (locale.getLanguage().equals("zh") ? "：" : ": ") + rule;
  }

  /** Both languages, keyed by language tag: {@code {"zh-CN": "...", "en": "..."}}. */
  public Map<String, String> both(FieldProblem problem) {
    Map<String, String> result = new LinkedHashMap<>();
    result.put("zh-CN", render(problem, ZH));
    result.put("en", render(problem, EN));
    return result;
  }
}
