package org.tanfang.web;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Needs as pages show them ({@code ${@needLabels.of(r.needs())}}): the stored codes (FOOD,
 * MEDICINE, or the area of a keypad need such as LIVING) by their labels in the reader's language;
 * text stored before codes is shown as it is.
 */
@Component("needLabels")
public class NeedLabels {
  private final MessageSource messages;

  NeedLabels(MessageSource messages) {
    this.messages = messages;
  }

  public String of(String needs) {
    if (needs == null || needs.isBlank()) {
      return needs;
    }
    var locale = LocaleContextHolder.getLocale();
    String separator = messages.getMessage("text.listSeparator", null, ", ", locale);
    return Arrays.stream(needs.split(","))
        .map(String::strip)
        .map(
            code ->
                messages.getMessage(
                    "need." + code,
                    null,
                    messages.getMessage("field.areas." + code, null, code, locale),
                    locale))
        .collect(Collectors.joining(separator));
  }
}
