package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.prompts.PromptRecordings;
import org.tanfang.security.Caller;
import org.tanfang.security.RegionScope;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.speech.audio.WavFile;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

/**
 * The prompts pages over MockMvc: who may record and approve, the checks' answers (400, 415, 404)
 * with nothing written, versions, going back to an older version, withdrawing, the audit entries.
 */
@TanfangTest
class PromptPagesTest {
  private static final Path FOLDER = Path.of("../voice-prompts/recorded/cmn");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired PromptRecordings recordings;

  @BeforeEach
  void setUp() throws IOException {
    Rows.clean(jdbc);
    if (!accounts.exists("pr-district")) {
      accounts.create(
          "pr-district", "prompt-test-pw", Role.SUPERVISOR, "区督导", RegionScope.district("美兰区"));
    }
    removeFiles();
  }

  @AfterEach
  void tearDown() throws IOException {
    recordings.withdraw("q-health", "cmn", Caller.SYSTEM);
    removeFiles();
  }

  private static void removeFiles() throws IOException {
    for (int v = 1; v <= 3; v++) {
      Files.deleteIfExists(FOLDER.resolve("q-health-v" + v + ".wav"));
    }
  }

  /** A 16 kHz WAV: 0.3 s silence, {@code seconds} of a 300 Hz tone at {@code amplitude}, 0.3 s. */
  private static byte[] tone(double seconds, double amplitude) {
    int rate = 16_000;
    short[] s = new short[(int) ((seconds + 0.6) * rate)];
    for (int i = (int) (0.3 * rate); i < (int) ((0.3 + seconds) * rate); i++) {
      long v = Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * 300 * i / rate));
      s[i] = (short) Math.max(-32768, Math.min(32767, v)); // above 1: clipped at full scale
    }
    return new WavFile(rate, s).toBytes();
  }

  private MockHttpServletResponse upload(
      String id, String dialect, byte[] audio, RequestPostProcessor who) throws Exception {
    return mvc.perform(
            multipart("/prompts/" + id + "/recordings")
                .file(new MockMultipartFile("file", "take.wav", "audio/wav", audio))
                .param("dialect", dialect)
                .with(who)
                .with(csrf()))
        .andReturn()
        .getResponse();
  }

  private MockHttpServletResponse approve(int version, RequestPostProcessor who) throws Exception {
    return mvc.perform(
            post("/prompts/q-health/approve")
                .param("dialect", "cmn")
                .param("version", String.valueOf(version))
                .with(who)
                .with(csrf()))
        .andReturn()
        .getResponse();
  }

  private Integer inUse() {
    List<Integer> v =
        jdbc.queryForList(
            "select r.version from voice_prompt_approval a join voice_prompt_recording r"
                + " on r.id = a.recording_id where a.prompt_id = 'q-health' and a.dialect = 'cmn'",
            Integer.class);
    return v.isEmpty() ? null : v.get(0);
  }

  @Test
  void staffRecordCitySupervisorsApproveRevertAndWithdrawAndEachApprovalIsAudited()
      throws Exception {
    RequestPostProcessor staff = user("staff").roles("STAFF");
    RequestPostProcessor city = user("supervisor").roles("SUPERVISOR");

    assertThat(upload("q-health", "cmn", tone(1.5, 0.3), staff).getStatus()).isEqualTo(302);
    assertThat(upload("q-health", "cmn", tone(2.0, 0.3), staff).getStatus()).isEqualTo(302);
    assertThat(Files.isRegularFile(FOLDER.resolve("q-health-v2.wav"))).isTrue();
    assertThat(WavFile.read(FOLDER.resolve("q-health-v2.wav")).sampleRate()).isEqualTo(8000);

    assertThat(approve(1, staff).getStatus()).as("staff may not approve").isEqualTo(403);
    MockHttpServletResponse district = approve(1, user("pr-district").roles("SUPERVISOR"));
    assertThat(district.getStatus()).as("a district supervisor may not").isEqualTo(403);
    assertThat(district.getContentAsString()).contains("data-rule=\"prompt.approveRole\"");
    assertThat(inUse()).isNull();

    assertThat(approve(2, city).getStatus()).isEqualTo(302);
    assertThat(inUse()).isEqualTo(2);
    assertThat(approve(1, city).getStatus()).as("back to v1").isEqualTo(302);
    assertThat(inUse()).isEqualTo(1);
    String page =
        mvc.perform(get("/prompts/q-health").with(city))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("id=\"approve-cmn-2\"").doesNotContain("id=\"approve-cmn-1\"");
    assertThat(
            mvc.perform(
                    post("/prompts/q-health/withdraw")
                        .param("dialect", "cmn")
                        .with(city)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(302);
    assertThat(inUse()).isNull();
    assertThat(
            jdbc.queryForList(
                "select action || ' ' || coalesce(detail, '') from audit_event"
                    + " where subject_type = 'voice_prompt' and action <> 'PROMPT_RECORDED' order by id",
                String.class))
        .containsExactly(
            "PROMPT_APPROVED cmn v2", "PROMPT_APPROVED cmn v1", "PROMPT_WITHDRAWN cmn");
  }

  @Test
  void badRecordingsAreRefusedWithTheirRuleAndNothingIsWritten() throws Exception {
    RequestPostProcessor staff = user("staff").roles("STAFF");

    MockHttpServletResponse quiet = upload("q-health", "cmn", tone(1.5, 0.01), staff);
    assertThat(quiet.getStatus()).isEqualTo(400);
    assertThat(quiet.getContentAsString()).contains("data-rule=\"prompt.quiet\"", "声音太小");
    MockHttpServletResponse clipped = upload("q-health", "cmn", tone(1.5, 1.5), staff);
    assertThat(clipped.getStatus()).isEqualTo(400);
    assertThat(clipped.getContentAsString()).contains("data-rule=\"prompt.clipped\"");
    assertThat(upload("q-health", "cmn", tone(0.1, 0.3), staff).getContentAsString())
        .contains("data-rule=\"prompt.short\"");
    MockHttpServletResponse webm =
        upload("q-health", "cmn", "\u001aE\u00df\u00a3webm".getBytes(), staff);
    assertThat(webm.getStatus()).isEqualTo(415);
    assertThat(webm.getContentAsString()).contains("data-rule=\"prompt.format\"");
    assertThat(upload("q-health", "yue", tone(1.5, 0.3), staff).getStatus()).isEqualTo(400);
    assertThat(upload("no-such-prompt", "cmn", tone(1.5, 0.3), staff).getStatus()).isEqualTo(404);

    assertThat(jdbc.queryForObject("select count(*) from voice_prompt_recording", Integer.class))
        .isZero();
    assertThat(Files.exists(FOLDER.resolve("q-health-v1.wav"))).isFalse();
    try (var left = Files.list(FOLDER.getParent())) {
      assertThat(left.flatMap(PromptPagesTest::files))
          .noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    } catch (java.nio.file.NoSuchFileException none) {
      // nothing was ever written
    }
  }

  @Test
  void thePlaceholderAndEachVersionCanBeHeard() throws Exception {
    RequestPostProcessor staff = user("staff").roles("STAFF");
    MockHttpServletResponse placeholder =
        mvc.perform(get("/prompts/q-health/audio").param("dialect", "cmn").with(staff))
            .andReturn()
            .getResponse();
    assertThat(placeholder.getStatus()).isEqualTo(200);
    assertThat(placeholder.getContentType()).isEqualTo("audio/wav");
    assertThat(
            mvc.perform(get("/prompts/q-health/audio").param("dialect", "hainan").with(staff))
                .andReturn()
                .getResponse()
                .getStatus())
        .as("no Hainanese placeholder")
        .isEqualTo(404);
    upload("q-health", "cmn", tone(1.5, 0.3), staff);
    byte[] v1 =
        mvc.perform(
                get("/prompts/q-health/audio")
                    .param("dialect", "cmn")
                    .param("version", "1")
                    .with(staff))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(WavFile.read(new java.io.ByteArrayInputStream(v1), "v1").sampleRate())
        .isEqualTo(8000);
    assertThat(
            mvc.perform(get("/prompts").with(user("visitor1").roles("VISITOR")))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(403);
  }

  @Test
  void theApiUploadsApprovesAndListsInTheOneErrorFormat() throws Exception {
    RequestPostProcessor staff = user("staff").roles("STAFF");
    RequestPostProcessor city = user("supervisor").roles("SUPERVISOR");
    MockHttpServletResponse created =
        mvc.perform(
                multipart("/api/prompts/q-health/recordings")
                    .file(new MockMultipartFile("file", "take.wav", "audio/wav", tone(1.5, 0.3)))
                    .param("dialect", "cmn")
                    .with(staff))
            .andReturn()
            .getResponse();
    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(created.getContentAsString()).contains("\"version\":1", "\"source\":\"UPLOAD\"");
    MockHttpServletResponse quiet =
        mvc.perform(
                multipart("/api/prompts/q-health/recordings")
                    .file(new MockMultipartFile("file", "take.wav", "audio/wav", tone(1.5, 0.01)))
                    .param("dialect", "cmn")
                    .with(staff))
            .andReturn()
            .getResponse();
    assertThat(quiet.getStatus()).isEqualTo(400);
    assertThat(quiet.getContentAsString()).contains("\"rule\":\"prompt.quiet\"", "\"en\":");
    assertThat(
            mvc.perform(
                    post("/api/prompts/q-health/approve")
                        .param("dialect", "cmn")
                        .param("version", "1")
                        .with(staff))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(403);
    assertThat(
            mvc.perform(
                    post("/api/prompts/q-health/approve")
                        .param("dialect", "cmn")
                        .param("version", "9")
                        .with(city))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("prompt.noVersion");
    assertThat(
            mvc.perform(
                    post("/api/prompts/q-health/approve")
                        .param("dialect", "cmn")
                        .param("version", "1")
                        .with(city))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(204);
    String list =
        mvc.perform(get("/api/prompts").with(staff)).andReturn().getResponse().getContentAsString();
    assertThat(list).contains("\"id\":\"q-health\"", "\"inUse\":{\"cmn\":1,\"hainan\":null}");
  }

  private static java.util.stream.Stream<Path> files(Path dir) {
    try {
      return Files.isDirectory(dir)
          ? Files.list(dir).toList().stream()
          : java.util.stream.Stream.of(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
