package org.tanfang.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.tanfang.callflow.CallflowProperties;
import org.tanfang.security.AuditLog;
import org.tanfang.security.RegionScope;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.speech.SpeechProperties;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;
import org.tanfang.visits.VisitAnswers;

/**
 * The retention job on the real database and real files in a temporary folder, with the clock moved
 * across each period's boundary: recordings (90 days), transcripts (365 days), the audio of elders
 * who died or left (30 days after the status change); open-case evidence kept; a file already gone;
 * a second run changes nothing; one audit entry per run; run now by a city admin.
 */
@TanfangTest
class RetentionTest {
  static final Duration RECORDINGS = Duration.ofDays(90);
  static final Duration TRANSCRIPTS = Duration.ofDays(365);
  static final Duration DEPARTED = Duration.ofDays(30);
  static final Duration DAY = Duration.ofDays(1);

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired VisitAnswers answers;
  @Autowired AuditLog audit;
  @Autowired PlatformTransactionManager tx;
  @Autowired SpeechProperties speech;
  @Autowired CallflowProperties callflow;
  @Autowired MockMvc mvc;
  @Autowired UserAccounts accounts;
  @Autowired org.springframework.context.ApplicationContext context;

  static final String RUN_NOW_PURPOSE = "run now";

  @TempDir Path recordings;

  Retention retention;
  Rows rows;
  Instant t0;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    t0 = clock.instant();
    retention = retentionIn(recordings);
  }

  private Retention retentionIn(Path dir) {
    SpeechProperties props =
        new SpeechProperties(
            Map.of(),
            1,
            1,
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            SpeechProperties.Fallback.DISTRESS_GRAMMAR,
            dir,
            RECORDINGS);
    return new Retention(
        answers,
        audit,
        jdbc,
        tx,
        props,
        callflow,
        new RetentionProperties(TRANSCRIPTS, DEPARTED, "0 30 3 * * ?", 2),
        clock);
  }

  @Test
  void aRecordingIsKeptADayBeforeItsPeriodEndsAndRemovedADayAfter() throws Exception {
    long elder = rows.elder().save();
    Path file = recording("1-health-1.wav", t0);
    long answer = answer(elder, file, "我很好", t0);

    clock.set(t0.plus(RECORDINGS).minus(DAY));
    Retention.Result before = retention.run("system", "test");
    assertThat(before.recordings()).isZero();
    assertThat(file).exists();
    assertThat(row(answer).get("recording_path")).isEqualTo(file.toString());

    clock.set(t0.plus(RECORDINGS).plus(DAY));
    Retention.Result after = retention.run("system", "test");
    assertThat(after.recordings()).isEqualTo(1);
    assertThat(file).doesNotExist();
    Map<String, Object> r = row(answer);
    assertThat(r.get("recording_path")).isNull();
    assertThat(r.get("recording_removed_reason")).isEqualTo("RETENTION");
    assertThat(((Timestamp) r.get("recording_removed_at")).toInstant()).isEqualTo(clock.instant());
    // the transcript has its own, longer period; the outcome stays
    assertThat(r.get("transcript")).isEqualTo("我很好");
    assertThat(r.get("intent")).isEqualTo("FINE");
  }

  @Test
  void aTranscriptIsBlankedAfterItsOwnPeriodWithWhenAndWhyAndTheIntentStays() {
    long elder = rows.elder().save();
    long answer = answer(elder, null, "有点头晕", t0);

    clock.set(t0.plus(TRANSCRIPTS).minus(DAY));
    assertThat(retention.run("system", "test").transcripts()).isZero();
    assertThat(row(answer).get("transcript")).isEqualTo("有点头晕");

    clock.set(t0.plus(TRANSCRIPTS).plus(DAY));
    assertThat(retention.run("system", "test").transcripts()).isEqualTo(1);
    Map<String, Object> r = row(answer);
    assertThat(r.get("transcript")).isNull();
    assertThat(r.get("transcript_removed_reason")).isEqualTo("RETENTION");
    assertThat(((Timestamp) r.get("transcript_removed_at")).toInstant()).isEqualTo(clock.instant());
    assertThat(r.get("intent")).isEqualTo("FINE");
    assertThat(r.get("question_id")).isEqualTo("health");
  }

  @Test
  void theAudioOfAnElderWhoDiedOrLeftGoesAfterTheShorterPeriod() throws Exception {
    long active = rows.elder().save();
    long deceased = rows.elder().status("DECEASED").save();
    long left = rows.elder().status("PAUSED").save();
    Path activeFile = recording("a.wav", t0);
    Path deceasedFile = recording("d.wav", t0);
    Path leftFile = recording("l.wav", t0);
    long activeAnswer = answer(active, activeFile, "我很好", t0);
    long deceasedAnswer = answer(deceased, deceasedFile, "我很好", t0);
    long leftAnswer = answer(left, leftFile, "我很好", t0);
    Instant changed = t0.plus(Duration.ofDays(5));
    jdbc.update(
        "update elder set status_changed_at = ? where id in (?, ?)",
        Timestamp.from(changed),
        deceased,
        left);

    clock.set(changed.plus(DEPARTED).minus(DAY));
    assertThat(retention.run("system", "test").departed()).isZero();
    assertThat(deceasedFile).exists();
    assertThat(leftFile).exists();

    clock.set(changed.plus(DEPARTED).plus(DAY)); // 36 days after the answer: inside 90 days
    Retention.Result r = retention.run("system", "test");
    assertThat(r.departed()).isEqualTo(2);
    assertThat(r.recordings()).isZero();
    assertThat(deceasedFile).doesNotExist();
    assertThat(leftFile).doesNotExist();
    assertThat(activeFile).exists();
    assertThat(row(deceasedAnswer).get("recording_removed_reason")).isEqualTo("DEPARTED");
    assertThat(row(leftAnswer).get("recording_path")).isNull();
    assertThat(row(activeAnswer).get("recording_path")).isEqualTo(activeFile.toString());
    // only the audio goes early: the transcript follows its own period
    assertThat(row(deceasedAnswer).get("transcript")).isEqualTo("我很好");
  }

  @Test
  void theEvidenceOfAnOpenCaseIsKeptUntilTheCaseIsResolved() throws Exception {
    long elder = rows.elder().status("DECEASED").save();
    Path file = recording("case.wav", t0);
    long visit = rows.visit(elder).status("DONE").save();
    long answer = answer(visit, file, "救命", t0, "HELP");
    long kase = rows.caseWithoutHistory(elder, "DISTRESS").visit(visit).save();

    clock.set(t0.plus(TRANSCRIPTS).plus(DAY)); // past every period
    Retention.Result kept = retention.run("system", "test");
    assertThat(kept.keptOpenCase()).isEqualTo(1);
    assertThat(kept.recordings() + kept.departed() + kept.transcripts()).isZero();
    assertThat(file).exists();
    assertThat(row(answer).get("transcript")).isEqualTo("救命");

    jdbc.update("update escalation set state = 'RESOLVED', resolved_at = now() where id = ?", kase);
    Retention.Result removed = retention.run("system", "test");
    assertThat(removed.keptOpenCase()).isZero();
    assertThat(removed.recordings()).isEqualTo(1);
    assertThat(removed.transcripts()).isEqualTo(1);
    assertThat(file).doesNotExist();
  }

  @Test
  void aSecondRunChangesNothingAndEveryRunWritesOneAuditEntryWithItsCounts() throws Exception {
    long elder = rows.elder().save();
    for (int i = 0; i < 5; i++) { // more than one batch (2)
      answer(elder, recording(i + ".wav", t0), "我很好", t0);
    }
    Path missing = recording("gone.wav", t0);
    answer(elder, missing, "我很好", t0);
    Files.delete(missing); // someone removed it by hand: the run must go on
    clock.set(t0.plus(TRANSCRIPTS).plus(DAY));

    Retention.Result first = retention.run("system", "scheduled");
    assertThat(first).isEqualTo(new Retention.Result(5, 0, 6, 0, 1, 0, 0));
    List<Map<String, Object>> afterFirst =
        jdbc.queryForList("select * from visit_answer order by id");
    assertThat(afterFirst).allSatisfy(r -> assertThat(r.get("recording_path")).isNull());

    Retention.Result second = retention.run("system", "scheduled");
    assertThat(second).isEqualTo(new Retention.Result(0, 0, 0, 0, 0, 0, 0));
    assertThat(jdbc.queryForList("select * from visit_answer order by id")).isEqualTo(afterFirst);
    try (var left = Files.list(recordings)) {
      assertThat(left).isEmpty();
    }

    List<Map<String, Object>> entries =
        jdbc.queryForList(
            "select username, subject_type, detail, purpose from audit_event"
                + " where action = 'RETENTION' order by id");
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get("detail"))
        .isEqualTo(
            "recordings=5 departed=0 transcripts=6 orphans=0 missing=1 failed=0 kept-open-case=0");
    assertThat(entries.get(1).get("detail"))
        .isEqualTo(
            "recordings=0 departed=0 transcripts=0 orphans=0 missing=0 failed=0 kept-open-case=0");
    assertThat((String) entries.get(0).get("purpose"))
        .startsWith("scheduled")
        .contains("recordings 90d")
        .contains("departed 30d")
        .contains("transcripts 365d");
    assertThat(retention.lastRun())
        .hasValueSatisfying(
            last -> {
              assertThat(last.by()).isEqualTo("system");
              assertThat(last.counts()).containsEntry("recordings", 0).hasSize(7);
            });
  }

  @Test
  void oldFilesNoAnswerRefersToGoButRecentOnesAndKeptEvidenceStay() throws Exception {
    long elder = rows.elder().save();
    Path orphan = recording("7-line-1.wav", t0);
    Path recent = recording("8-health-1.wav", t0.plus(Duration.ofDays(60)));
    long visit = rows.visit(elder).status("DONE").save();
    Path evidence = recording("9-health-1.wav", t0);
    answer(visit, evidence, "救命", t0, "HELP");
    rows.caseWithoutHistory(elder, "DISTRESS").visit(visit).save();
    clock.set(t0.plus(RECORDINGS).plus(DAY));

    Retention.Result r = retention.run("system", "test");

    assertThat(r.orphans()).isEqualTo(1);
    assertThat(orphan).doesNotExist();
    assertThat(recent).exists();
    assertThat(evidence).exists();
  }

  @Test
  void aStoredPathOutsideTheRecordingsFolderIsNeverDeleted(@TempDir Path elsewhere)
      throws Exception {
    long elder = rows.elder().save();
    Path outside = Files.write(elsewhere.resolve("important.txt"), new byte[] {1});
    long answer = answer(elder, outside, null, t0);
    clock.set(t0.plus(RECORDINGS).plus(DAY));

    Retention.Result r = retention.run("system", "test");

    assertThat(outside).exists();
    assertThat(r.missing()).isEqualTo(1);
    assertThat(row(answer).get("recording_path")).isNull();
  }

  @Test
  void aCityAdminRunsItNowFromTheAuditPageAndSeesTheLastRunInBothLanguages() throws Exception {
    var admin = user("admin").roles("ADMIN");
    mvc.perform(post("/audit/retention").param("lang", "en").with(admin).with(csrf()))
        .andExpect(redirectedUrl("/audit"))
        .andExpect(
            flash()
                .attribute(
                    "retentionNotice",
                    org.hamcrest.Matchers.startsWith("Clean-up done: 0 recordings deleted")));
    assertThat(
            jdbc.queryForObject(
                "select username || ' ' || purpose from audit_event where action = 'RETENTION'",
                String.class))
        .startsWith("admin run now by an administrator");

    String en =
        mvc.perform(get("/audit").param("lang", "en").with(admin))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(en)
        .contains("id=\"retention-last\"")
        .contains("by admin")
        .contains("kept for open cases");
    String zh =
        mvc.perform(get("/audit").param("lang", "zh_CN").with(admin))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(zh).contains("执行人 admin").contains("工单证据保留");

    mvc.perform(post("/api/security/retention/run").with(httpBasic("admin", "admin-test-password")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.recordings").value(0))
        .andExpect(jsonPath("$.keptOpenCase").value(0));
    mvc.perform(get("/api/security/retention").with(httpBasic("admin", "admin-test-password")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.lastRun.by").value("admin"))
        .andExpect(jsonPath("$.lastRun.counts.recordings").value(0));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where action = 'RETENTION'", Integer.class))
        .isEqualTo(2);
  }

  @Test
  void onlyCityLevelAdminsMayRunItOrSeeItsCounts() throws Exception {
    if (!accounts.exists("ret-lh-admin")) {
      accounts.create(
          "ret-lh-admin", "retention-pw", Role.ADMIN, "ret-lh-admin", RegionScope.district("龙华区"));
    }
    var scopedAdmin = user("ret-lh-admin").roles("ADMIN");
    var supervisor = user("supervisor").roles("SUPERVISOR");
    mvc.perform(post("/audit/retention").with(scopedAdmin).with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(post("/audit/retention").with(supervisor).with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/security/retention/run").with(scopedAdmin).with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/security/retention").with(scopedAdmin)).andExpect(status().isForbidden());
    String page =
        mvc.perform(get("/audit").with(scopedAdmin))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).doesNotContain("id=\"retention\"");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where action = 'RETENTION'", Integer.class))
        .isZero();
  }

  @Test
  void theJobIsADailyQuartzCronInTheApplicationZoneAndNotDeclaredInTests() {
    RetentionJobs jobs = new RetentionJobs();
    JobDetail job = jobs.retentionJob();
    Trigger trigger =
        jobs.retentionTrigger(
            job, new RetentionProperties(TRANSCRIPTS, DEPARTED, "0 30 3 * * ?", 2), clock);
    // triggers fire on real time (from the trigger's start); the job decides by the clock
    Instant start = trigger.getStartTime().toInstant();
    Instant next = trigger.getFireTimeAfter(Date.from(start)).toInstant();
    assertThat(next.atZone(clock.getZone()).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
    assertThat(Duration.between(start, next)).isPositive().isLessThanOrEqualTo(DAY);
    assertThat(job.getJobClass()).isEqualTo(RetentionJobs.RetentionJob.class);
    assertThat(job.isConcurrentExecutionDisallowed()).isTrue();
    // tests run no jobs they did not start (tanfang.scheduler.enabled=false)
    assertThat(context.containsBean("retentionTrigger")).isFalse();
  }

  @Test
  void aRunWhileAnotherGoesOnIsRefusedAndTheScheduledFireSkipped() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    VisitAnswers slow = Mockito.mock(VisitAnswers.class);
    Mockito.when(
            slow.recordingsDue(Mockito.any(), Mockito.any(), Mockito.anyLong(), Mockito.anyInt()))
        .thenAnswer(
            i -> {
              inside.countDown();
              release.await();
              return List.of();
            });
    Retention busy =
        new Retention(
            slow,
            audit,
            jdbc,
            tx,
            speech,
            callflow,
            new RetentionProperties(TRANSCRIPTS, DEPARTED, "0 30 3 * * ?", 2),
            clock);
    Thread first = new Thread(() -> busy.run("system", "first"));
    first.start();
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
    try {
      assertThatThrownBy(() -> busy.run("admin", RUN_NOW_PURPOSE))
          .isInstanceOf(Retention.AlreadyRunning.class);
      assertThat(busy.runScheduled()).isEmpty();
    } finally {
      release.countDown();
      first.join(30_000);
    }
    assertThat(
            jdbc.queryForList(
                "select purpose from audit_event where action = 'RETENTION'", String.class))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("first");
  }

  private Path recording(String name, Instant modified) throws Exception {
    Path file = recordings.resolve(name);
    Files.write(file, new byte[] {1, 2, 3});
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  /** An answer on a new visit of the elder. */
  private long answer(long elder, Path recording, String transcript, Instant at) {
    long visit = rows.visit(elder).status("DONE").save();
    return answer(visit, recording, transcript, at, "FINE");
  }

  private long answer(long visit, Path recording, String transcript, Instant at, String intent) {
    return rows.answer(visit)
        .to("health", "HEALTH")
        .spoken(intent, transcript, recording == null ? null : recording.toString())
        .answeredAt(at)
        .save();
  }

  private Map<String, Object> row(long answer) {
    return jdbc.queryForMap("select * from visit_answer where id = ?", answer);
  }
}
