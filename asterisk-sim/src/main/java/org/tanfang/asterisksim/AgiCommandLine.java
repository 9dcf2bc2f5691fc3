package org.tanfang.asterisksim;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an AGI command line into words exactly like {@code parse_args} in res/res_agi.c: spaces
 * separate words, double quotes group (and an empty "" is an empty word), a backslash escapes the
 * next character.
 */
final class AgiCommandLine {
  private AgiCommandLine() {}

  static List<String> split(String line) {
    List<String> argv = new ArrayList<>();
    StringBuilder cur = null;
    boolean quoted = false;
    boolean escaped = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' && !escaped) {
        quoted = !quoted;
        if (quoted && cur == null) {
          cur = new StringBuilder();
        }
        continue;
      }
      if ((c == ' ' || c == '\t') && !quoted && !escaped) {
        if (cur != null) {
          argv.add(cur.toString());
          cur = null;
        }
        continue;
      }
      if (c == '\\' && !escaped) {
        escaped = true;
        continue;
      }
      if (cur == null) {
        cur = new StringBuilder();
      }
      cur.append(c);
      escaped = false;
    }
    if (cur != null) {
      argv.add(cur.toString());
    }
    return argv;
  }
}
