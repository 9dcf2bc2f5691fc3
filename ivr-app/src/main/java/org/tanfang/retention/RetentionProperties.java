package org.tanfang.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Tanfang keeps what it records of the elders ({@code tanfang.retention.*}, README
 * "Retention and the elder's rights"). The recordings' own period stays {@code
 * tanfang.speech.recording-retention} (default 90 days).
 *
 * @param transcripts how long the text recognised from a spoken reply is kept; after it the text is
 *     blanked and the intent (the outcome) stays
 * @param departedAudio how long the audio of an elder who died or left (paused) is kept after that
 *     status change, when it is shorter than the recordings' period
 * @param cron when the retention job runs (Quartz cron, application zone)
 * @param batchSize answers handled in one transaction
 */
@ConfigurationProperties("tanfang.retention")
public record RetentionProperties(
    @DefaultValue("365d") Duration transcripts,
    @DefaultValue("30d") Duration departedAudio,
    @DefaultValue("0 30 3 * * ?") String cron,
    @DefaultValue("500") int batchSize) {

  public RetentionProperties {
    if (transcripts.isNegative() || transcripts.isZero()) {
      throw new IllegalArgumentException("tanfang.retention.transcripts must be positive");
    }
    if (departedAudio.isNegative()) {
      throw new IllegalArgumentException("tanfang.retention.departed-audio must not be negative");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("tanfang.retention.batch-size must be at least 1");
    }
  }
}
