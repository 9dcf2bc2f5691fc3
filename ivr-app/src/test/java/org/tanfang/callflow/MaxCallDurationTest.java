package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.tanfang.callflow.Questionnaire.Question;
import org.tanfang.dialer.DialerProperties;

/**
 * {@code tanfang.telephony.max-call-duration} (an answered call with no Hangup after this long is
 * ended, and stops counting as a busy channel) must cover the longest real conversation: the
 * questionnaire with every question asked to its last re-ask (a spoken reply recorded to the limit,
 * not understood, then two keypad rounds), then, at the last question, the hand-over to the staff
 * queue and its full wait. Computed from the questionnaire and the Mandarin recordings (the longest
 * language; a dialect without its own recording plays the Mandarin one).
 */
class MaxCallDurationTest {
  private static final Path PROMPTS = Path.of("../voice-prompts/cmn");

  /** {@code tanfang.escalation.transfer-timeout}'s default: the staff queue's wait. */
  private static final Duration QUEUE_WAIT = Duration.ofSeconds(60);

  @Test
  void shouldCoverTheLongestCheckinWithTheStaffQueueButNotFarMore() throws Exception {
    Questionnaire q =
        Questionnaire.load(getClass().getResourceAsStream("/callflow/questionnaire-v1.json"));
    double t = q.answerTimeoutSeconds();
    var p = q.prompts();
    double reask = Math.max(seconds(p.noInput()), seconds(p.invalidKey()));
    double clarify = Math.max(seconds(p.notUnderstood()), seconds(p.clarifyHelp()));
    List<Question> asked = new ArrayList<>(q.questions());
    asked.add(0, q.identity());
    double questions = 0;
    for (Question question : asked) {
      double prompt = seconds(question.prompt());
      double keypad = (q.reprompts() + 1) * (prompt + t) + q.reprompts() * reask;
      // Spoken: the recording may last twice the answer timeout; one clarification, then keys.
      double spoken = 3 * prompt + 2 * t + clarify + 2 * t + reask;
      questions += Math.max(keypad, spoken);
    }
    double longestTip = q.tips().stream().mapToDouble(tip -> seconds(tip.prompt())).max().orElse(0);
    double completed =
        seconds(p.greeting())
            + questions
            + seconds(p.thanks())
            + seconds(p.followUp())
            + longestTip
            + seconds(p.goodbye());
    double transferred =
        seconds(p.greeting()) + questions + seconds(p.transfer()) + QUEUE_WAIT.toSeconds();
    Duration longest = Duration.ofSeconds((long) Math.ceil(Math.max(completed, transferred)));

    Duration configured =
        new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("tanfang.telephony", DialerProperties.class)
            .maxCallDuration();

    System.out.printf(
        "Longest check-in %.0f s, with the staff queue %.0f s; max-call-duration %s%n",
        completed, transferred, configured);
    assertThat(longest).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(15));
    assertThat(configured)
        .as("leaves a conversation with staff at least five minutes after the longest script")
        .isGreaterThanOrEqualTo(longest.plusMinutes(5))
        .isLessThanOrEqualTo(longest.multipliedBy(2));
  }

  private static double seconds(String promptId) {
    Path wav = PROMPTS.resolve(promptId + ".wav");
    assertThat(wav).exists();
    try {
      AudioFileFormat f = AudioSystem.getAudioFileFormat(wav.toFile());
      return f.getFrameLength() / f.getFormat().getFrameRate();
    } catch (Exception e) {
      throw new IllegalStateException(wav.toString(), e);
    }
  }
}
