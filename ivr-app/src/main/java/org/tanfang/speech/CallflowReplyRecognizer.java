package org.tanfang.speech;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tanfang.callflow.Questionnaire;
import org.tanfang.callflow.ReplyRecognizer;

/**
 * The call flow's speech seam, answered by Vosk: recognises the recorded reply on the speech pool
 * (off the AGI thread, bounded), and maps what it means onto the questionnaire's intents. Silence
 * is empty (asked again); words not understood, no model or a failed recognition are UNCLEAR (the
 * call flow re-asks once and offers keys). Replies of cmn/hainan elders go to another language's
 * model only when {@link ReplyLanguageOverride} says so (dev mode and tests).
 */
@Component
class CallflowReplyRecognizer implements ReplyRecognizer {
  private static final Logger log = LoggerFactory.getLogger(CallflowReplyRecognizer.class);

  /** Questionnaire ids whose speech vocabulary has another name. */
  private static final Map<String, String> QUESTION_IDS =
      Map.of("care-needs", "needs", "special", "living");

  private final SpeechRecognizer speech;
  private final SpeechProperties props;
  private final ReplyLanguageOverride languages;

  CallflowReplyRecognizer(
      SpeechRecognizer speech, SpeechProperties props, ReplyLanguageOverride languages) {
    this.speech = speech;
    this.props = props;
    this.languages = languages;
  }

  @Override
  public boolean canUnderstand(String dialect) {
    return speech.canRecognize(languages.replyCode(dialect));
  }

  @Override
  public Optional<Understanding> understand(
      Path recording, Questionnaire.Question question, String dialect) {
    String language = languages.replyCode(dialect);
    if (!speech.canRecognize(language)) {
      return Optional.of(UNCLEAR);
    }
    String questionId = QUESTION_IDS.getOrDefault(question.id(), question.id());
    try {
      Recognition r =
          speech
              .recognizeAsync(recording, language, questionId)
              .get(props.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      return meaning(r);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Speech recognition of {} failed: {}", recording, e.toString());
      return Optional.of(UNCLEAR);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(UNCLEAR);
    }
  }

  /** Recognition failed or no model: re-ask once and offer keys, as for words not understood. */
  private static final Understanding UNCLEAR =
      new Understanding(org.tanfang.callflow.Intent.UNCLEAR, null, null);

  private static Optional<Understanding> meaning(Recognition r) {
    org.tanfang.callflow.Intent intent;
    if (r.confirmation().isPresent()) {
      intent =
          switch (r.confirmation().get().answer()) {
            case CONFIRMED -> org.tanfang.callflow.Intent.YES;
            case DENIED -> org.tanfang.callflow.Intent.NO;
            case HELP -> org.tanfang.callflow.Intent.HELP;
            case UNCLEAR -> org.tanfang.callflow.Intent.UNCLEAR;
            case SILENT -> null;
          };
    } else {
      intent =
          switch (r.understanding().intent()) {
            case FINE -> org.tanfang.callflow.Intent.FINE;
            case UNWELL -> org.tanfang.callflow.Intent.UNWELL;
            case HELP -> org.tanfang.callflow.Intent.HELP;
            case NEEDS -> org.tanfang.callflow.Intent.NEEDS;
            case UNCLEAR -> org.tanfang.callflow.Intent.UNCLEAR;
            case SILENT -> null;
          };
    }
    if (intent == null) {
      return Optional.empty();
    }
    String needs =
        r.understanding().needs().isEmpty()
            ? null
            : r.understanding().needs().stream()
                .map(Enum::name)
                .sorted()
                .collect(Collectors.joining(","));
    return Optional.of(new Understanding(intent, r.transcript(), needs, certainty(r)));
  }

  /** The review verdict as the call flow acts on it (README "Understanding fails safe"). */
  private static ReplyRecognizer.Certainty certainty(Recognition r) {
    Review review = r.understanding().review();
    if (review == null) {
      return ReplyRecognizer.Certainty.SURE;
    }
    return switch (review) {
      case NONE -> ReplyRecognizer.Certainty.SURE;
      case LISTEN -> ReplyRecognizer.Certainty.UNSURE;
      case URGENT -> ReplyRecognizer.Certainty.DISTRESS_LIKE;
    };
  }
}
