package org.tanfang.asterisksim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dispatches one AGI command line as {@code agi_handle_command} (res/res_agi.c) does: an unknown
 * command gets "510 Invalid or unknown command"; a command not allowed on a dead channel gets "511
 * Command Not Permitted on a dead channel or intercept routine"; bad arguments get the 520 usage
 * block. Argument positions match the C handlers' argv (command words included).
 */
final class AgiCommands {

  /** What the session sends back; {@code code} and {@code result} go into AGIExecEnd. */
  record Reply(List<String> lines, int code, String result) {
    static Reply ok(String line) {
      return new Reply(List.of(line), 200, "Success");
    }
  }

  /** Known commands (res_agi.c's {@code commands[]}), longest first so prefixes match last. */
  private static final List<String> COMMANDS =
      List.of(
          "control stream file",
          "get full variable",
          "database deltree",
          "asyncagi break",
          "channel status",
          "database del",
          "database get",
          "database put",
          "receive char",
          "receive text",
          "record file",
          "say alpha",
          "say digits",
          "say number",
          "say phonetic",
          "say date",
          "say time",
          "say datetime",
          "send image",
          "send text",
          "set autohangup",
          "set callerid",
          "set context",
          "set extension",
          "set music",
          "set priority",
          "set variable",
          "stream file",
          "tdd mode",
          "wait for digit",
          "get data",
          "get option",
          "get variable",
          "answer",
          "exec",
          "hangup",
          "noop",
          "verbose");

  /** Commands whose entry has dead=1: they still run after the channel hung up. */
  private static final Set<String> DEAD_OK =
      Set.of(
          "asyncagi break",
          "database del",
          "database deltree",
          "database get",
          "database put",
          "exec",
          "get full variable",
          "get variable",
          "noop",
          "set variable",
          "verbose");

  private static final Map<String, String> USAGE =
      Map.of(
          "stream file", "STREAM FILE <filename> <escape_digits> [sample offset]",
          "get data", "GET DATA <file to be streamed> [timeout] [maxdigits]",
          "wait for digit", "WAIT FOR DIGIT <timeout>",
          "record file",
              "RECORD FILE <filename> <format> <escape_digits> <timeout> [offset samples] [BEEP]"
                  + " [s=silence]",
          "set variable", "SET VARIABLE <variablename> <value>",
          "get variable", "GET VARIABLE <variablename>",
          "say digits", "SAY DIGITS <number> <escape_digits>",
          "say number", "SAY NUMBER <number> <escape_digits> [gender]");

  private static final Pattern VAR_REF = Pattern.compile("\\$\\{([^}]*)}");

  private final SimCall call;
  private final AgiMedia media;

  AgiCommands(SimCall call, AgiMedia media) {
    this.call = call;
    this.media = media;
  }

  Reply execute(String line, boolean dead) {
    List<String> argv = AgiCommandLine.split(line);
    String name = match(argv);
    if (name == null) {
      return new Reply(
          List.of("510 Invalid or unknown command"), 510, "Invalid or unknown command");
    }
    if (dead && !DEAD_OK.contains(name)) {
      String text = "Command Not Permitted on a dead channel or intercept routine";
      return new Reply(List.of("511 " + text), 511, text);
    }
    String reply = run(name, argv);
    if (reply == null) {
      String usage = USAGE.getOrDefault(name, name.toUpperCase(Locale.ROOT));
      return new Reply(
          List.of(
              "520-Invalid command syntax.  Proper usage follows:",
              " Usage: " + usage,
              "520 End of proper usage."),
          520,
          "Usage");
    }
    return Reply.ok(reply);
  }

  private static String match(List<String> argv) {
    for (String c : COMMANDS) {
      String[] words = c.split(" ");
      if (argv.size() < words.length) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < words.length && all; i++) {
        all = words[i].equalsIgnoreCase(argv.get(i));
      }
      if (all) {
        return c;
      }
    }
    return null;
  }

  /** Returns the reply line, or null for wrong usage (RESULT_SHOWUSAGE). */
  private String run(String name, List<String> a) {
    int argc = a.size();
    SimChannel ch = call.channel();
    return switch (name) {
      case "answer", "noop", "set music", "set autohangup", "tdd mode" -> "200 result=0";
      case "stream file" -> argc < 4 || argc > 5 ? null : media.streamFile(a.get(2), a.get(3));
      case "control stream file" ->
          argc < 5 || argc > 10 ? null : media.streamFile(a.get(3), a.get(4));
      case "get option" -> argc < 4 || argc > 5 ? null : media.getOption(a.get(2), a.get(3));
      case "get data" ->
          argc < 3
              ? null
              : media.getData(a.get(2), argc >= 5 ? AgiMedia.parseIntOr(a.get(4), 1024) : 1024);
      case "wait for digit" ->
          argc != 4 || !a.get(3).matches("-?\\d+") ? null : media.waitForDigit();
      case "record file" -> argc < 6 || !a.get(5).matches("-?\\d+") ? null : media.recordFile(a);
      case "say digits", "say alpha", "say phonetic" -> argc != 4 ? null : media.say(a.get(3));
      case "say number" ->
          argc < 4 || argc > 5 || !a.get(2).matches("-?\\d+") ? null : media.say(a.get(3));
      case "set variable" -> {
        if (argc != 4) {
          yield null;
        }
        setVariable(a.get(2), a.get(3));
        yield "200 result=1";
      }
      case "get variable" -> {
        if (argc != 3) {
          yield null;
        }
        String v = ch.variable(a.get(2));
        yield v == null ? "200 result=0" : "200 result=1 (" + v + ")";
      }
      case "get full variable" ->
          argc != 4 && argc != 5 ? null : "200 result=1 (" + substitute(a.get(3)) + ")";
      case "exec" -> argc < 2 ? null : "200 result=" + exec(a.get(1), argc > 2 ? a.get(2) : "");
      case "verbose" -> argc < 2 ? null : "200 result=1";
      case "channel status" ->
          argc == 2
              ? "200 result=" + call.opening().channelState().code
              : argc == 3 ? "200 result=-1" : null;
      case "hangup" -> {
        if (argc > 2) {
          yield null;
        }
        if (argc == 2 && !a.get(1).equals(ch.name())) {
          yield "200 result=-1";
        }
        call.scriptHangsUp();
        yield "200 result=1";
      }
      case "set context" -> argc != 3 ? null : dialplan(a.get(2), ch.exten(), ch.priority());
      case "set extension" -> argc != 3 ? null : dialplan(ch.context(), a.get(2), ch.priority());
      case "set priority" ->
          argc != 3 ? null : dialplan(ch.context(), ch.exten(), AgiMedia.parseIntOr(a.get(2), 1));
      case "set callerid" -> "200 result=1";
      case "database get" -> "200 result=0";
      default -> "200 result=0";
    };
  }

  private String dialplan(String context, String exten, int priority) {
    call.channel().dialplan(context, exten, priority);
    return "200 result=0";
  }

  private void setVariable(String name, String value) {
    call.setVariable(name, value);
    call.record().variableSet(name, value);
  }

  /** Applications are not run; Playback, Set and Hangup have the effects a test can observe. */
  private int exec(String app, String data) {
    switch (app.toLowerCase(Locale.ROOT)) {
      case "playback", "background" -> {
        call.opening().promptPlayed();
        for (String file : data.split(",")[0].split("&")) {
          call.record().prompt(file);
        }
      }
      case "set" -> {
        int eq = data.indexOf('=');
        if (eq > 0) {
          setVariable(data.substring(0, eq), data.substring(eq + 1));
        }
      }
      case "hangup" -> {
        call.scriptHangsUp();
        return -1;
      }
      default -> {
        // Other applications just succeed.
      }
    }
    return 0;
  }

  private String substitute(String expr) {
    Matcher m = VAR_REF.matcher(expr);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = call.channel().variable(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
