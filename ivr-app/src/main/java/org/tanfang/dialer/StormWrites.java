package org.tanfang.dialer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@link StormWatch}'s writes when the database fails them: counted ({@code
 * tanfang.storm.writes.failed}, tag {@code change}; every change has a series from the start),
 * logged, and tried again in the PBX's lane of the {@link AmiEventQueue} until the database
 * answers, in order with the PBX's other storm changes — never dropped for a database failure.
 */
@Component
class StormWrites {
  private static final Logger log = LoggerFactory.getLogger(StormWrites.class);

  /** A storm change ({@code pbx_storm}), as counted by {@code tanfang.storm.writes.failed}. */
  enum Change {
    /** An ended attempt not counted in its PBX's window: its PBX or the open storm not read. */
    WINDOW,
    STARTED,
    HELD_BACK,
    AMI_LOST,
    AMI_BACK,
    REGISTRATION_LOST,
    REGISTERED,
    PROBE_ENDED
  }

  private final AmiEventQueue queue;
  private final Map<Change, Counter> failed = new EnumMap<>(Change.class);

  StormWrites(AmiEventQueue queue, ObjectProvider<MeterRegistry> meters) {
    this.queue = queue;
    MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
    for (Change c : Change.values()) {
      failed.put(
          c,
          Counter.builder("tanfang.storm.writes.failed")
              .description(
                  "Storm changes the database failed (tried again in the PBX's event lane)")
              .tag("change", c.name())
              .register(registry));
    }
  }

  /**
   * A storm change the database failed on {@code pbx}: counted and logged; the caller rethrows it,
   * so the PBX's lane tries it again once the database answers (a database failure) or drops it
   * with an ERROR (a failure of its own).
   */
  RuntimeException failed(String pbx, Change change, RuntimeException e) {
    failed.get(change).increment();
    if (change == Change.WINDOW) {
      log.warn("Storm window: {} not counted ({})", pbx, e.toString());
    } else {
      log.warn(
          "Storm change {} on {} not written ({}): tried again when the database answers",
          change,
          pbx,
          e.toString());
    }
    return e;
  }

  /**
   * Runs {@code write} now (from a listener of an ended attempt, whose failures are only logged);
   * one the database fails goes to the PBX's lane, which tries it again until the database answers.
   */
  void nowOrInLane(String pbx, Change change, Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      if (!queue.waitsForDatabase(e)) {
        throw e;
      }
      failed(pbx, change, e);
      queue.submit(
          AmiEventDispatch.pbxLane(pbx),
          () -> {
            try {
              write.run();
            } catch (RuntimeException again) {
              throw failed(pbx, change, again);
            }
          });
    }
  }
}
