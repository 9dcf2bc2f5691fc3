package org.tanfang.shared;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Renders {@link Text} in the reader's language. */
@Component
public class Texts {
  /** What is stored beside the key, for readers without a locale (logs, older exports). */
  public static final Locale STORED = Locale.SIMPLIFIED_CHINESE;

  private final MessageSource messages;

  public Texts(MessageSource messages) {
    this.messages = messages;
  }

  public String render(Text text, Locale locale) {
    Object[] args = text.args().stream().map(a -> argument(a, locale)).toArray();
    return messages.getMessage(text.key(), args, text.key(), locale);
  }

  private String argument(String arg, Locale locale) {
    if (arg.startsWith("#")) {
      String key = arg.substring(1);
      return messages.getMessage(key, null, key.substring(key.lastIndexOf('.') + 1), locale);
    }
    var items = Text.items(arg);
    if (items == null) {
      return arg;
    }
    String separator = messages.getMessage("text.listSeparator", null, ", ", locale);
    return String.join(separator, items.stream().map(t -> render(t, locale)).toList());
  }

  /** In the current request's language. */
  public String render(Text text) {
    return render(text, LocaleContextHolder.getLocale());
  }

  /** A stored key and arguments, or the stored text itself for rows written before keys. */
  public String render(String key, String args, String fallback) {
    return key == null ? fallback : render(Text.stored(key, args));
  }
}
