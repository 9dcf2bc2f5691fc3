package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dialplans/render.sh: renders every file, or nothing and names what is missing. */
class RenderScriptTest {
  static final Path SCRIPT = DialplanContractTest.DIALPLANS.resolve("render.sh");
  static final List<String> FILES =
      List.of("extensions.conf", "manager.conf", "pjsip.conf", "queues.conf", "musiconhold.conf");

  record Run(int exit, String out, String err) {}

  static Map<String, String> complete() {
    Map<String, String> env = new HashMap<>();
    env.put("TANFANG_AGI_HOST", "10.0.0.5");
    env.put("TANFANG_AMI_SECRET", "ami-secret");
    env.put("TANFANG_AMI_PERMIT", "10.0.0.5/255.255.255.255");
    env.put("TANFANG_TRUNK_HOST", "sip.carrier.example");
    env.put("TANFANG_TRUNK_USER", "0898123");
    env.put("TANFANG_TRUNK_SECRET", "trunk-secret");
    env.put("TANFANG_STAFF1_SECRET", "staff1-secret");
    return env;
  }

  static Run render(Map<String, String> vars, Path target) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString(), target.toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("TANFANG_"));
    pb.environment().putAll(vars);
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void dockerComposeGivesAsteriskTheRenderedFilesNotTheTemplates() throws Exception {
    String script = java.nio.file.Files.readString(SCRIPT);
    assertThat(script).contains("files='" + String.join(" ", FILES) + "'");
    String compose =
        java.nio.file.Files.readString(
            DialplanContractTest.DIALPLANS.resolve("../docker-compose.yml"));
    for (String f : FILES) {
      assertThat(compose)
          .as("docker-compose.yml mounts the rendered %s", f)
          .contains("${TANFANG_ASTERISK_ETC:-./asterisk-etc}/" + f + ":/etc/asterisk/" + f + ":ro");
    }
    assertThat(compose).doesNotContain("./dialplans:");
    assertThat(
            java.nio.file.Files.readString(DialplanContractTest.DIALPLANS.resolve("../.gitignore")))
        .as("rendered files hold secrets")
        .contains("/asterisk-etc/");
  }

  @Test
  void givenARequiredVariableMissing_thenNothingIsWrittenAndItIsNamed(@TempDir Path dir)
      throws Exception {
    Path target = dir.resolve("asterisk");
    Map<String, String> vars = complete();
    vars.remove("TANFANG_TRUNK_SECRET");
    vars.put("TANFANG_AMI_PERMIT", ""); // empty counts as missing

    Run run = render(vars, target);

    assertThat(run.exit()).isNotZero();
    assertThat(run.err())
        .contains("TANFANG_TRUNK_SECRET is not set")
        .contains("TANFANG_AMI_PERMIT is not set")
        .doesNotContain("TANFANG_AGI_HOST is not set")
        .contains("nothing was written");
    assertThat(target).doesNotExist();
  }

  @Test
  void givenARelativePromptFolder_thenItRefuses(@TempDir Path dir) throws Exception {
    Map<String, String> vars = complete();
    vars.put("TANFANG_PROMPT_DIR", "voice-prompts");

    Run run = render(vars, dir.resolve("asterisk"));

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("TANFANG_PROMPT_DIR must be an absolute path");
    assertThat(dir.resolve("asterisk")).doesNotExist();
  }

  @Test
  void givenEveryVariable_thenEveryFileIsRenderedWithNoPlaceholderLeft(@TempDir Path dir)
      throws Exception {
    Path target = dir.resolve("asterisk");
    Run run = render(complete(), target);

    assertThat(run.exit()).as(run.err()).isZero();
    try (var left = Files.list(target)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(FILES);
    }
    String extensions = read(target, "extensions.conf");
    assertThat(extensions)
        .contains("Set(FASTAGI_URL=agi://10.0.0.5:4573)")
        .contains("AGI(${FASTAGI_URL}/checkin)")
        .contains("${TANFANG_NODE_AGI}")
        .contains("Playback(/var/lib/asterisk/sounds/tanfang/cmn/staff-busy)")
        // Asterisk's own variables stay
        .contains("Dial(${TANFANG_DIAL_STRING},${TANFANG_DIAL_TIMEOUT})")
        .contains("${TANFANG_ATTEMPT_ID}");
    assertThat(read(target, "musiconhold.conf"))
        .contains("directory = /var/lib/asterisk/moh/tanfang");
    assertThat(read(target, "pjsip.conf")).contains("password = trunk-secret");
    assertThat(read(target, "manager.conf")).contains("[tanfang]").contains("secret = ami-secret");
    for (String f : FILES) {
      assertThat(read(target, f))
          .as(f)
          .doesNotContain("${TANFANG_AGI_")
          .doesNotContain("${TANFANG_AMI_")
          .doesNotContain("${TANFANG_TRUNK_")
          .doesNotContain("${TANFANG_STAFF1_")
          .doesNotContain("${TANFANG_PROMPT_DIR}")
          .doesNotContain("${TANFANG_MOH_DIR}");
    }
  }

  @Test
  void givenIpAuthentication_thenTheTrunkHasNoRegistrationNoCredentialsAndTheAssignedCallerId(
      @TempDir Path dir) throws Exception {
    Map<String, String> vars = complete();
    vars.remove("TANFANG_TRUNK_USER");
    vars.remove("TANFANG_TRUNK_SECRET");
    vars.put("TANFANG_TRUNK_AUTH", "ip");
    vars.put("TANFANG_TRUNK_CALLER_ID", "089866000000");

    Run run = render(vars, dir.resolve("asterisk"));

    assertThat(run.exit()).as(run.err()).isZero();
    String pjsip = read(dir.resolve("asterisk"), "pjsip.conf");
    assertThat(pjsip)
        .doesNotContain("type = registration")
        .doesNotContain("outbound_auth")
        .doesNotContain("[trunk-auth]")
        .doesNotContain("registration only")
        .contains("from_user = 089866000000")
        .contains("callerid = <089866000000>")
        .contains("send_pai = yes")
        .contains("match = sip.carrier.example")
        .contains("allow = alaw,ulaw")
        .contains("dtmf_mode = auto");
  }

  @Test
  void givenRegistration_thenTheTrunkRegistersAndPresentsItsUserAsCallerIdByDefault(
      @TempDir Path dir) throws Exception {
    Run run = render(complete(), dir.resolve("asterisk"));

    assertThat(run.exit()).as(run.err()).isZero();
    String pjsip = read(dir.resolve("asterisk"), "pjsip.conf");
    assertThat(pjsip)
        .contains("type = registration")
        .contains("outbound_auth = trunk-auth\n")
        .contains("client_uri = sip:0898123@sip.carrier.example")
        .contains("from_user = 0898123")
        .doesNotContain("registration only");
  }

  @Test
  void givenAnUnknownTrunkAuthentication_thenItRefusesAndNamesIt(@TempDir Path dir)
      throws Exception {
    Map<String, String> vars = complete();
    vars.put("TANFANG_TRUNK_AUTH", "digest");

    Run run = render(vars, dir.resolve("asterisk"));

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("TANFANG_TRUNK_AUTH must be registration or ip");
    assertThat(dir.resolve("asterisk")).doesNotExist();
  }

  private static String read(Path dir, String file) throws IOException {
    return Files.readString(dir.resolve(file));
  }
}
