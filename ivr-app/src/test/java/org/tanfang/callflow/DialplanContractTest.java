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

  @Test
  void theDialersContextAndExtensionRunTheCheckinScript() {
    String checkin = extensions.get(dialer.ami().context());
    assertThat(checkin).as("[%s]", dialer.ami().context()).isNotNull();
    assertThat(checkin)
        .contains("exten => " + dialer.ami().exten() + ",1,")
        .contains(
            "AGI(agi://${TANFANG_AGI_HOST}:${TANFANG_AGI_PORT}/"
                + FastAgiServer.scriptName()
                + ")");
    assertThat(checkin).contains("${" + ChannelVariables.ATTEMPT_ID + "}");
  }

  @Test
  void familyNotificationsRunTheFamilyScript() {
    String family = extensions.get(dialer.ami().familyContext());
    assertThat(family).as("[%s]", dialer.ami().familyContext()).isNotNull();
    assertThat(family)
        .contains("exten => " + dialer.ami().exten() + ",1,")
        .contains(
            "AGI(agi://${TANFANG_AGI_HOST}:${TANFANG_AGI_PORT}/"
                + FastAgiServer.familyScriptName()
                + ")")
        .doesNotContain("tanfang-staff");
  }

  @Test
  void aRequestedTransferIsRoutedToTheStaffQueue() throws IOException {
    String condition =
        "$[\"${" + Conversation.TRANSFER_VARIABLE + "}\" = \"" + Conversation.TO_STAFF + "\"]";
    assertThat(extensions.get("tanfang-checkin")).contains(condition + "?tanfang-staff,s,1");
    assertThat(extensions.get("tanfang-inbound")).contains(condition + "?tanfang-staff,s,1");
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
            "AGI(agi://${TANFANG_AGI_HOST}:${TANFANG_AGI_PORT}/"
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
    String trunk = dialer.ami().channelTemplate().replace("{number}", "${EXTEN}");
    assertThat(callback)
        .contains("exten => _X.,1,")
        .contains("${" + ChannelVariables.ESCALATION_ID + "}")
        .contains("Dial(" + trunk + ",${" + ChannelVariables.DIAL_TIMEOUT + "})");
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

  /** Prompt ids the dialplan plays by path. */
  static Set<String> playedPrompts() throws IOException {
    String conf = Files.readString(DIALPLANS.resolve("extensions.conf"));
    Matcher m =
        Pattern.compile(
                "Playback\\("
                    + Pattern.quote(
                        new Binder()
                            .bindOrCreate("tanfang.telephony.callflow", CallflowProperties.class)
                            .promptDir())
                    + "/cmn/([a-z0-9-]+)\\)")
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
