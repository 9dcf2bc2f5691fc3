package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.tanfang.asterisksim.StaffPhones;
import org.tanfang.dialer.ChannelVariables;
import org.tanfang.dialer.DialerProperties;
import org.tanfang.dialer.StaffCalls;

/** The names dialplans/ and the code share must agree: contexts, script, variables, queue. */
class DialplanContractTest {
  static final Path DIALPLANS = Path.of("..", "dialplans");
  static Map<String, String> extensions;
  static DialerProperties dialer;
  static CallflowProperties callflow;
  static AgiProperties agi;

  @BeforeAll
  static void read() throws IOException {
    extensions = sections(Files.readString(DIALPLANS.resolve("extensions.conf")));
    Binder defaults = new Binder();
    dialer = defaults.bindOrCreate("tanfang.telephony", DialerProperties.class);
    callflow = defaults.bindOrCreate("tanfang.telephony.callflow", CallflowProperties.class);
    agi = defaults.bindOrCreate("tanfang.telephony.agi", AgiProperties.class);
  }

  /** Section name → its lines, comments removed. */
  static Map<String, String> sections(String conf) {
    Map<String, String> result = new LinkedHashMap<>();
    String current = "";
    for (String raw : conf.split("\n")) {
      String line = raw.replaceAll("\\s*;.*$", "");
      Matcher header = Pattern.compile("^\\[([^\\]]+)\\].*").matcher(line);
      if (header.matches()) {
        current = header.group(1);
        result.putIfAbsent(current, "");
      } else if (!line.isBlank()) {
        result.merge(current, line + "\n", String::concat);
      }
    }
    return result;
  }

  /** What every AGI() line is preceded by: the subroutine that picks the node's FastAGI. */
  static final String AGI_NODE = " same => n,Gosub(tanfang-agi,s,1)";

  @Test
  void everyAgiGoesToTheNodeThatDialledTheCallElseToTheConfiguredHost() {
    String agi = extensions.get("tanfang-agi");
    assertThat(agi).as("[tanfang-agi]").isNotNull();
    assertThat(agi)
        .startsWith("exten => s,1,Set(FASTAGI_URL=agi://${TANFANG_AGI_HOST}:${TANFANG_AGI_PORT})\n")
        .contains("$[\"${" + ChannelVariables.NODE_AGI + "}\" = \"\"]?done)")
        .contains("Set(FASTAGI_URL=${" + ChannelVariables.NODE_AGI + "})")
        .endsWith("same => n(done),Return()\n");
    // asterisk-sim emulates the same variable (it reads no dialplan).
    assertThat(org.tanfang.asterisksim.SimConfig.NODE_AGI_VARIABLE)
        .isEqualTo(ChannelVariables.NODE_AGI);
    // Every AGI() uses the subroutine's address, none the configured host directly.
    for (var section : extensions.entrySet()) {
      for (String line : section.getValue().split("\n")) {
        if (line.contains("AGI(")) {
          assertThat(line).as("[%s]", section.getKey()).contains("AGI(${FASTAGI_URL}/");
          assertThat(section.getValue()).contains(AGI_NODE + "\n" + line);
        }
      }
    }
  }

  @Test
  void theDialersContextAndExtensionRunTheCheckinScript() {
    String checkin = extensions.get(dialer.ami().context());
    assertThat(checkin).as("[%s]", dialer.ami().context()).isNotNull();
    assertThat(checkin)
        .contains("exten => " + dialer.ami().exten() + ",1,")
        .contains(AGI_NODE + "\n same => n,AGI(${FASTAGI_URL}/" + FastAgiServer.scriptName() + ")");
    assertThat(checkin).contains("${" + ChannelVariables.ATTEMPT_ID + "}");
  }

  @Test
  void familyNotificationsRunTheFamilyScript() {
    String family = extensions.get(dialer.ami().familyContext());
    assertThat(family).as("[%s]", dialer.ami().familyContext()).isNotNull();
    assertThat(family)
        .contains("exten => " + dialer.ami().exten() + ",1,")
        .contains(
            AGI_NODE + "\n same => n,AGI(${FASTAGI_URL}/" + FastAgiServer.familyScriptName() + ")")
        .doesNotContain("tanfang-staff");
  }

  @Test
  void aRequestedTransferIsRoutedToTheStaffQueue() throws IOException {
    String condition =
        "$[\"${" + Conversation.TRANSFER_VARIABLE + "}\" = \"" + Conversation.TO_STAFF + "\"]";
    assertThat(extensions.get("tanfang-checkin")).contains(condition + "?tanfang-staff,s,1");
    assertThat(extensions.get("tanfang-inbound"))
        .contains(condition + "?tanfang-staff,s,1")
        .as("a caller the script visited is hung up, not queued for staff")
        .doesNotContain("Goto(tanfang-staff")
        .contains("$[\"${AGISTATUS}\" = \"FAILURE\"]?tanfang-staff,s,1")
        .endsWith("Hangup()\n");
    Matcher queue = Pattern.compile("Queue\\(([^,)]+)").matcher(extensions.get("tanfang-staff"));
    assertThat(queue.find()).isTrue();
    assertThat(sections(Files.readString(DIALPLANS.resolve("queues.conf"))))
        .containsKey(queue.group(1));
  }

  @Test
  void theStaffQueueWaitsTheConfiguredTimeThenRunsTheUnansweredScript() throws IOException {
    String staff = extensions.get(StaffPhones.QUEUE);
    String timeout = "${" + ChannelVariables.QUEUE_TIMEOUT + "}";
    assertThat(staff)
        .contains("Queue(" + StaffPhones.QUEUE + ",t,,," + timeout + ")")
        .contains(
            AGI_NODE
                + "\n same => n,AGI(${FASTAGI_URL}/"
                + FastAgiServer.unansweredScriptName()
                + ",${QUEUESTATUS})")
        .contains("$[\"${AGISTATUS}\" = \"SUCCESS\"]");
    // Queue() comes before the unanswered script, which comes before the busy fallback.
    assertThat(staff.indexOf("Queue(")).isLessThan(staff.indexOf("/transfer-unanswered"));
    assertThat(staff.indexOf("/transfer-unanswered")).isLessThan(staff.indexOf("staff-busy"));
    // The sim emulates the same script name and queue.
    assertThat(new StaffPhones().members()).isEmpty();
    assertThat(FastAgiServer.unansweredScriptName()).isEqualTo("transfer-unanswered");
    Map<String, String> queues = sections(Files.readString(DIALPLANS.resolve("queues.conf")));
    assertThat(queues.get(StaffPhones.QUEUE)).contains("member => PJSIP/staff1,0,staff1");
    assertThat(Files.readString(DIALPLANS.resolve("pjsip.conf"))).contains("[staff1](staff-phone)");
  }

  @Test
  void clickToCallDialsTheElderFromTheCallbackContext() {
    String callback = extensions.get(StaffCalls.CONTEXT);
    assertThat(callback).as("[%s]", StaffCalls.CONTEXT).isNotNull();
    assertThat(callback)
        .contains("exten => _X.,1,")
        .contains("${" + ChannelVariables.ESCALATION_ID + "}")
        .contains(
            "Dial(${"
                + ChannelVariables.DIAL_STRING
                + "},${"
                + ChannelVariables.DIAL_TIMEOUT
                + "})");
  }

  /** Channel technologies Asterisk 22 dials; none may be spelled out in extensions.conf. */
  static final Pattern TECHNOLOGY =
      Pattern.compile(
          "\\b(PJSIP|SIP|IAX2|DAHDI|Local|Console|Motif|Skinny|Unistim|WebSocket|AudioSocket)/",
          Pattern.CASE_INSENSITIVE);

  /** Problems of the dialplan's dial strings: each must be a channel variable ivr-app sets. */
  static List<String> dialStringProblems(String conf, String trunk) {
    List<String> problems = new java.util.ArrayList<>();
    for (String line : withoutComments(conf)) {
      Matcher tech = TECHNOLOGY.matcher(line);
      if (tech.find()) {
        problems.add("hard-coded channel technology " + tech.group() + " in: " + line);
      }
      if (line.contains("@" + trunk)) {
        problems.add("hard-coded trunk @" + trunk + " in: " + line);
      }
      for (String args : applicationArguments(line, "Dial")) {
        String dial = args.split(",", -1)[0];
        Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)\\}").matcher(dial);
        if (!variable.matches() || !CHANNEL_VARIABLES.contains(variable.group(1))) {
          problems.add("Dial() of " + dial + " is not a channel variable ivr-app sets: " + line);
        }
      }
    }
    return problems;
  }

  @Test
  void everyDialStringComesFromAChannelVariableNoTrunkIsNamed() throws IOException {
    String trunk = dialer.ami().channelTemplate().replaceAll(".*@", "");
    String conf = Files.readString(DIALPLANS.resolve("extensions.conf"));
    assertThat(dialStringProblems(conf, trunk)).isEmpty();
    // What the check catches (the lines issue 11 found, and variants).
    assertThat(dialStringProblems(" same => n,Dial(PJSIP/${EXTEN}@trunk,30)", trunk)).hasSize(3);
    assertThat(dialStringProblems(" same => n,Dial(${EXTEN},30)", trunk)).hasSize(1);
    assertThat(dialStringProblems(" same => n,Set(X=sip/1@trunk)", trunk)).hasSize(2);
    assertThat(
            dialStringProblems(" same => n,Dial(${TANFANG_DIAL_STRING},30) ; PJSIP/1@trunk", trunk))
        .isEmpty();
  }

  /** Prompt-playing applications: their first argument is a file. */
  static final List<String> PLAYERS =
      List.of("Playback", "Background", "BackGround", "ControlPlayback", "Read", "WaitExten");

  /** Problems of the dialplan's file paths: prompts under the rendered prompt folder, no others. */
  static List<String> promptPathProblems(String conf) {
    List<String> problems = new java.util.ArrayList<>();
    Pattern absolute = Pattern.compile("(^|[\\s(,=|\"'])(/[\\w.-]+)");
    for (String line : withoutComments(conf)) {
      Matcher path = absolute.matcher(line);
      if (path.find()) {
        problems.add("hard-coded path " + path.group(2) + " in: " + line);
      }
      for (String app : PLAYERS) {
        for (String args : applicationArguments(line, app)) {
          String[] parts = args.split(",", -1);
          String file = app.equals("Read") ? (parts.length > 1 ? parts[1] : "") : parts[0];
          if (app.equals("WaitExten")) {
            continue; // WaitExten(seconds,m(class)) plays no file
          }
          if (!file.isEmpty() && !file.startsWith(PROMPT_DIR_VARIABLE + "/")) {
            problems.add(app + "() of " + file + " is not under " + PROMPT_DIR_VARIABLE);
          }
        }
      }
    }
    return problems;
  }

  static final String PROMPT_DIR_VARIABLE = "${TANFANG_PROMPT_DIR}";

  @Test
  void everyPromptPathComesFromTheRenderedPromptFolder() throws IOException {
    String conf = Files.readString(DIALPLANS.resolve("extensions.conf"));
    assertThat(promptPathProblems(conf)).isEmpty();
    assertThat(
            promptPathProblems(
                " same => n,Playback(/var/lib/asterisk/sounds/tanfang/cmn/staff-busy)"))
        .hasSize(2);
    assertThat(promptPathProblems(" same => n,Playback(cmn/staff-busy)")).hasSize(1);
    assertThat(promptPathProblems(" same => n,Set(F=/tmp/x)")).hasSize(1);
    assertThat(promptPathProblems(" same => n,Playback(${TANFANG_PROMPT_DIR}/cmn/staff-busy)"))
        .isEmpty();
    // The folder is rendered from the environment, with ivr-app's default.
    String render = Files.readString(DIALPLANS.resolve("render.sh"));
    assertThat(render)
        .contains("TANFANG_PROMPT_DIR:=" + callflow.promptDir() + "}")
        .contains("$TANFANG_PROMPT_DIR");
  }

  /** Music-on-hold classes the shipped configuration asks for, and where. */
  static Map<String, String> musicClassesUsed(String extensions, String queues, String pjsip) {
    Map<String, String> used = new LinkedHashMap<>();
    Matcher queue = Pattern.compile("(?m)^\\s*musicclass\\s*=\\s*(\\S+)").matcher(queues);
    while (queue.find()) {
      used.put(queue.group(1), "queues.conf musicclass");
    }
    Matcher suggest = Pattern.compile("(?m)^\\s*moh_suggest\\s*=\\s*(\\S+)").matcher(pjsip);
    while (suggest.find()) {
      used.put(suggest.group(1), "pjsip.conf moh_suggest");
    }
    if (pjsip.contains("type = endpoint") && !pjsip.contains("moh_suggest")) {
      used.put("default", "pjsip.conf endpoints (moh_suggest's default)");
    }
    for (String line : withoutComments(extensions)) {
      for (String args : applicationArguments(line, "MusicOnHold")) {
        used.put(args.split(",", -1)[0].isEmpty() ? "default" : args.split(",", -1)[0], line);
      }
      Matcher set = Pattern.compile("CHANNEL\\(musicclass\\)=([^)]+)\\)").matcher(line);
      while (set.find()) {
        used.put(set.group(1), line);
      }
      // Dial's m[(class)] option: music on hold to the caller instead of ringing.
      for (String args : applicationArguments(line, "Dial")) {
        String[] parts = args.split(",", -1);
        String options = parts.length > 2 ? parts[2] : "";
        // Options are letters, some with an argument in brackets: skip over the arguments.
        for (int i = 0; i < options.length(); i++) {
          char option = options.charAt(i);
          String argument = "";
          if (i + 1 < options.length() && options.charAt(i + 1) == '(') {
            int close = options.indexOf(')', i + 2);
            close = close < 0 ? options.length() : close;
            argument = options.substring(i + 2, close);
            i = close;
          }
          if (option == 'm') {
            used.put(argument.isEmpty() ? "default" : argument, line);
          }
        }
      }
    }
    return used;
  }

  /** Classes musiconhold.conf defines in files mode with a rendered folder. */
  static Set<String> musicClassesDefined(String musiconhold) {
    Set<String> defined = new java.util.TreeSet<>();
    sections(musiconhold)
        .forEach(
            (name, body) -> {
              if (body.contains("mode = files")
                  && body.contains("directory = ${TANFANG_MOH_DIR}")) {
                defined.add(name);
              }
            });
    return defined;
  }

  @Test
  void everyMusicOnHoldClassUsedIsDefinedByAShippedFile() throws IOException {
    String extensions = Files.readString(DIALPLANS.resolve("extensions.conf"));
    String queues = Files.readString(DIALPLANS.resolve("queues.conf"));
    String pjsip = Files.readString(DIALPLANS.resolve("pjsip.conf"));
    Set<String> defined =
        musicClassesDefined(Files.readString(DIALPLANS.resolve("musiconhold.conf")));
    Map<String, String> used = musicClassesUsed(extensions, queues, pjsip);
    assertThat(used).containsKey("default"); // the queue's
    assertThat(used.keySet()).as("classes used %s", used).isSubsetOf(defined);
    // What the check catches.
    assertThat(musicClassesUsed("", "musicclass = hold-zh\n", "").keySet())
        .isNotEmpty()
        .doesNotContainAnyElementsOf(defined);
    assertThat(musicClassesUsed(" same => n,Dial(${TANFANG_DIAL_STRING},30,tm(hold-zh))", "", ""))
        .containsOnlyKeys("hold-zh");
    assertThat(musicClassesUsed(" same => n,Dial(${TANFANG_DIAL_STRING},30,U(sub^m)t)", "", ""))
        .isEmpty();
    assertThat(musicClassesUsed(" same => n,Set(CHANNEL(musicclass)=hold-zh)", "", ""))
        .containsOnlyKeys("hold-zh");
    // render.sh renders the file and its folder.
    String render = Files.readString(DIALPLANS.resolve("render.sh"));
    assertThat(render).contains("musiconhold.conf").contains("$TANFANG_MOH_DIR");
  }

  /** Channel variables ivr-app sets on a call (Originate or AGI) that the dialplan may read. */
  static final Set<String> CHANNEL_VARIABLES =
      Set.of(
          ChannelVariables.ATTEMPT_ID,
          ChannelVariables.VISIT_ID,
          ChannelVariables.QUEUE_TIMEOUT,
          ChannelVariables.ESCALATION_ID,
          ChannelVariables.DIAL_STRING,
          ChannelVariables.DIAL_TIMEOUT,
          ChannelVariables.NODE_AGI,
          Conversation.TRANSFER_VARIABLE);

  @Test
  void everyTanfangPlaceholderIsRenderedOrSetByIvrApp() throws IOException {
    String render = Files.readString(DIALPLANS.resolve("render.sh"));
    Matcher list = Pattern.compile("(?s)vars='([^']*)'").matcher(render);
    assertThat(list.find()).isTrue();
    Set<String> rendered = new java.util.TreeSet<>();
    Matcher name = Pattern.compile("\\$(TANFANG_[A-Z0-9_]+)").matcher(list.group(1));
    while (name.find()) {
      rendered.add(name.group(1));
    }
    assertThat(rendered).doesNotContainAnyElementsOf(CHANNEL_VARIABLES);
    try (var files = Files.list(DIALPLANS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
        assertThat(render)
            .as("render.sh renders %s", f.getFileName())
            .contains(f.getFileName().toString());
        for (String line : withoutComments(Files.readString(f))) {
          Matcher used = Pattern.compile("\\$\\{(TANFANG_[A-Z0-9_]+)\\}").matcher(line);
          while (used.find()) {
            assertThat(
                    rendered.contains(used.group(1)) || CHANNEL_VARIABLES.contains(used.group(1)))
                .as(
                    "%s: ${%s} is neither rendered nor set by ivr-app",
                    f.getFileName(), used.group(1))
                .isTrue();
          }
        }
      }
    }
  }

  /** The lines of a file without comments or blank lines. */
  static List<String> withoutComments(String conf) {
    return conf.lines().map(l -> l.replaceAll("\\s*;.*$", "")).filter(l -> !l.isBlank()).toList();
  }

  /** The argument text of every call of {@code app(...)} on the line (nested brackets kept). */
  static List<String> applicationArguments(String line, String app) {
    List<String> found = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("(?<![A-Za-z])" + app + "\\(").matcher(line);
    while (m.find()) {
      int depth = 1;
      int i = m.end();
      while (i < line.length() && depth > 0) {
        char c = line.charAt(i);
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        i++;
      }
      found.add(line.substring(m.end(), depth == 0 ? i - 1 : i));
    }
    return found;
  }

  @Test
  void theInboundLineRunsTheSameScript() {
    assertThat(extensions.get("tanfang-inbound")).contains("/" + FastAgiServer.scriptName() + ")");
  }

  @Test
  void theTrunkAndTheAmiUserMatchTheDefaults() throws IOException {
    String pjsip = Files.readString(DIALPLANS.resolve("pjsip.conf"));
    String trunk = dialer.ami().channelTemplate().replaceAll(".*@", "");
    assertThat(pjsip)
        .contains("[" + trunk + "]\ntype = endpoint")
        .contains("[" + trunk + "]\ntype = aor");
    String render = Files.readString(DIALPLANS.resolve("render.sh"));
    assertThat(render)
        .contains("TANFANG_AMI_USER:=" + dialer.ami().username() + "}")
        .contains("TANFANG_AGI_PORT:=" + agi.port() + "}")
        .contains("TANFANG_AMI_PORT:=" + dialer.ami().port() + "}");
    assertThat(Files.readString(DIALPLANS.resolve("manager.conf")))
        .contains("[${TANFANG_AMI_USER}]")
        .contains("write = originate")
        .containsPattern("read = .*agent"); // the staff queue's AgentConnect, QueueCallerAbandon
  }

  /** Prompt ids the dialplan plays from the rendered prompt folder. */
  static Set<String> playedPrompts() throws IOException {
    String conf = Files.readString(DIALPLANS.resolve("extensions.conf"));
    Matcher m =
        Pattern.compile("Playback\\(" + Pattern.quote(PROMPT_DIR_VARIABLE) + "/cmn/([a-z0-9-]+)\\)")
            .matcher(conf);
    Set<String> ids = new java.util.TreeSet<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Test
  void theDialplanPlaysPromptsFromTheConfiguredFolder() throws IOException {
    assertThat(playedPrompts()).containsExactly("staff-busy");
    assertThat(List.of(callflow.promptDir())).containsExactly("/var/lib/asterisk/sounds/tanfang");
  }
}
