package org.tanfang.shared;

import java.util.Arrays;
import java.util.List;

/**
 * User-facing text kept as a message key and its arguments, so each reader sees it in their own
 * language (bundles {@code i18n/messages*.properties}); rendered by {@link Texts}. An argument
 * written {@code #key} is itself a message key (a label such as {@code #escalation.outcome.OTHER});
 * one made by {@link #list} is a list of texts, shown joined.
 */
public record Text(String key, List<String> args) {
  /** Separates stored arguments (the ASCII unit separator never occurs in typed text). */
  private static final String SEP = "\u001F";

  public Text {
    args = List.copyOf(args);
  }

  public static Text of(String key, Object... args) {
    return new Text(key, Arrays.stream(args).map(a -> a == null ? "" : String.valueOf(a)).toList());
  }

  /** An argument that is shown as the label of {@code key}. */
  public static String label(String key) {
    return "#" + key;
  }

  /** An argument that shows several texts (without list arguments of their own), joined. */
  public static String list(List<Text> items) {
    StringBuilder s = new StringBuilder(LIST);
    for (Text item : items) {
      if (s.length() > 1) {
        s.append(ITEM);
      }
      s.append(item.key()).append(KEY).append(String.join(PART, item.args()));
    }
    return s.toString();
  }

  /** The texts of an argument made by {@link #list}, or null for any other argument. */
  static List<Text> items(String arg) {
    if (!arg.startsWith(LIST)) {
      return null;
    }
    List<Text> items = new java.util.ArrayList<>();
    for (String item : arg.substring(1).split(ITEM)) {
      if (!item.isEmpty()) {
        String[] kv = item.split(KEY, 2);
        items.add(
            new Text(
                kv[0],
                kv.length < 2 || kv[1].isEmpty() ? List.of() : List.of(kv[1].split(PART, -1))));
      }
    }
    return items;
  }

  private static final String LIST = "\u001E";
  private static final String ITEM = "\u001D";
  private static final String KEY = "\u001C";
  private static final String PART = "\u001B";

  /** The arguments as stored in a {@code *_args} column. */
  public String storedArgs() {
    return args.isEmpty() ? null : String.join(SEP, args);
  }

  /** A text read back from its key and stored arguments. */
  public static Text stored(String key, String args) {
    return new Text(key, args == null || args.isEmpty() ? List.of() : List.of(args.split(SEP, -1)));
  }
}
