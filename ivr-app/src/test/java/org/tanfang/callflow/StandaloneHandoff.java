package org.tanfang.callflow;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tanfang.shared.DatabaseState;
import org.tanfang.visits.VisitAnswers;
import org.tanfang.visits.Visits;

/**
 * A {@link Handoff} of the test's own, beside the application's (not started): its journal in
 * {@code dir}, the given queue size, offer timeout and batch size, the other settings the tests'
 * (read timeout 500 ms, retry 100 ms, applied kept 30 days), no metrics.
 */
final class StandaloneHandoff {
  private StandaloneHandoff() {}

  static Handoff of(
      JdbcTemplate jdbc,
      Visits visits,
      VisitAnswers answers,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactions,
      Path dir,
      int capacity,
      Duration offerTimeout,
      int batchSize,
      Clock clock) {
    return new Handoff(
        jdbc,
        visits,
        answers,
        events,
        transactions,
        new HandoffProperties(
            dir.toString(),
            capacity,
            offerTimeout,
            Duration.ofMillis(500),
            Duration.ofMillis(100),
            Duration.ofDays(30),
            batchSize),
        new DatabaseState(),
        new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class),
        clock);
  }
}
