package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * Issue 13, the reply gap: a conversation starts from what the dialer knew at the Originate, and
 * the follow-ups are read while the first prompts play, so no gap of a normal call waits for a
 * read.
 */
@TanfangTest
class DialledSubjectCallTest {
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired TelephonyEvents events;
  @Autowired Handoff handoff;
  @Autowired HandoffProperties props;
  @Autowired PlatformTransactionManager transactions;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
  }

  @Test
  @Timeout(60)
  void givenTheElderTableLockedOnceDialled_whenAnswered_thenTheCallGoesOnInTheElderDialect()
      throws Exception {
    // Answers late enough for the lock to be in place first (the test ring timeout is 1.5 s).
    Elder elder =
        Telephony.elder(
            elders,
            sim,
            CalleeScript.answers()
                .afterMs(700)
                .thenAlways(new CalleeReply.Digits("1", 250))
                .build());
    jdbc.update("update elder set dialect = 'hainan' where id = ?", elder.id());
    try (Connection locker = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      // Dialled (claimed, the Originate sent) when place returns: then nothing can read the elder.
      TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
      try (Statement s = locker.createStatement()) {
        s.execute("lock table elder in access exclusive mode");
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !sim.callsTo(elder.primaryPhone()).isEmpty());
      CallRecord record = sim.callsTo(elder.primaryPhone()).get(0);
      await().atMost(Duration.ofSeconds(20)).until(record::ended);
      // A read of who is called would have waited for the lock, given up after its budget and
      // gone on in Mandarin with the visit id read from the channel.
      assertThat(record.variablesSet()).containsEntry("CHANNEL(language)", "hainan");
      assertThat(record.agiCommands()).noneMatch(c -> c.contains("TANFANG_VISIT_ID"));
      assertThat(record.prompts()).last().asString().endsWith("goodbye");
      assertThat(record.outcome()).hasToString("ANSWERED");
      locker.rollback();
      Telephony.awaitEnd(events, placed.attemptId());
    }
  }

  @Test
  void givenAReadAhead_whenNotYetAskedFor_thenItHasRunAndGivesItsResult() throws Exception {
    ConversationReads reads = new ConversationReads(jdbc, transactions, handoff, props);
    CountDownLatch ran = new CountDownLatch(1);
    var ahead =
        reads.readAhead(
            "test",
            () -> {
              Integer one = jdbc.queryForObject("select 1", Integer.class);
              ran.countDown();
              return one;
            },
            () -> -1);
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ahead.get()).isEqualTo(1);
  }

  @Test
  void givenAReadAheadOnALockedTable_whenAskedFor_thenTheFallbackWithinTheBudget()
      throws Exception {
    ConversationReads reads = new ConversationReads(jdbc, transactions, handoff, props);
    try (Connection locker = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      try (Statement s = locker.createStatement()) {
        s.execute("lock table visit_answer in access exclusive mode");
      }
      var ahead =
          reads.readAhead(
              "test",
              () -> jdbc.queryForObject("select count(*) from visit_answer", Integer.class),
              () -> -1);
      long start = System.nanoTime();
      Integer n = ahead.get();
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(n).isEqualTo(-1);
      assertThat(tookMs).isLessThan(props.readTimeout().toMillis() + 400);
      locker.rollback();
    }
  }
}
