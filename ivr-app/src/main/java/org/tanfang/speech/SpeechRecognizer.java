package org.tanfang.speech;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.tanfang.speech.Recognition.Mode;
import org.tanfang.speech.Recognition.Timings;
import org.tanfang.speech.audio.Resampler;
import org.tanfang.speech.audio.WavFile;

/**
 * Recognises a recorded reply: WAV (8 kHz PCM16 mono from Asterisk's RECORD FILE, or any rate) →
 * resample to the model's rate → Vosk constrained to the question's phrases → intent.
 *
 * <p>When the grammar pass hears nothing understood (no words, or UNCLEAR), the same audio is
 * recognised a second time ({@link SpeechProperties#fallback}): by default with a grammar of the
 * distress and distress-like terms only (a grammar pass's cost), or without a grammar (free-form,
 * 10–20 times slower and poor on narrow-band speech). Those words count only for distress: HELP if
 * the classifier finds a distress term, URGENT for distress-like words, otherwise the reply stays
 * UNCLEAR (words were heard) or SILENT.
 *
 * <p>{@link #recognize} runs on the caller's thread; {@link #recognizeAsync} on a bounded pool of
 * {@code tanfang.speech.pool-size} threads, so the AGI thread can wait with a timeout.
 */
@Service
public class SpeechRecognizer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SpeechRecognizer.class);

  private final VoskModels models;
  private final IntentClassifier classifier;
  private final RecognitionGrammars grammars;
  private final SpeechProperties properties;
  private final ThreadPoolExecutor pool;

  public SpeechRecognizer(
      VoskModels models, IntentClassifier classifier, SpeechProperties properties) {
    this.models = models;
    this.classifier = classifier;
    this.grammars = new RecognitionGrammars(classifier);
    this.properties = properties;
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            properties.poolSize(),
            properties.poolSize(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(properties.queueCapacity()),
            r -> {
              Thread thread = new Thread(r, "speech-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Whether replies in this dialect or language ({@code cmn}, {@code hainan}, {@code en}) can be
   * spoken.
   */
  public boolean canRecognize(String dialect) {
    return ReplyLanguages.of(dialect).map(models::available).orElse(false);
  }

  /**
   * Recognises a reply on a pool thread; the future fails with {@link NoSpeechModelException}
   * (keypad-only language), {@link IOException} (unreadable or non-PCM WAV), {@link
   * RejectedExecutionException} (pool and queue full) or a {@link
   * java.util.concurrent.TimeoutException} after {@code tanfang.speech.timeout}.
   */
  public CompletableFuture<Recognition> recognizeAsync(
      Path wav, String dialect, String questionId) {
    try {
      return CompletableFuture.supplyAsync(
              () -> {
                try {
                  return recognize(wav, dialect, questionId);
                } catch (IOException e) {
                  throw new CompletionException(e);
                }
              },
              pool)
          .orTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.warn(
          "Speech pool full ({} queued): reply {} not recognised", pool.getQueue().size(), wav);
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Recognises a reply on this thread.
   *
   * @param dialect the elder's dialect or a language code: {@code cmn}, {@code hainan} (Mandarin
   *     model), {@code en}
   * @param questionId the question answered ({@code questions.txt}), or null for any
   * @throws NoSpeechModelException when the language has no model (keypad-only)
   * @throws IllegalArgumentException for an unknown dialect or question
   * @throws IOException when the file cannot be read or is not 16-bit mono PCM WAV
   */
  public Recognition recognize(Path wav, String dialect, String questionId) throws IOException {
    long start = System.nanoTime();
    WavFile file = WavFile.read(wav);
    double read = millisSince(start);
    return recognize(file, language(dialect), questionId, start, read);
  }

  /** Recognises audio already in memory (the API's upload). */
  public Recognition recognize(WavFile audio, Language language, String questionId) {
    return recognize(audio, language, questionId, System.nanoTime(), 0);
  }

  private Recognition recognize(
      WavFile audio, Language language, String questionId, long start, double read) {
    if (questionId != null) {
      classifier.questions().rule(questionId); // fails on an unknown id before any work
    }
    SpeechModel model =
        models
            .model(language, properties.timeout())
            .orElseThrow(() -> new NoSpeechModelException(language));
    long maxSamples = properties.maxReply().toMillis() * audio.sampleRate() / 1000;
    short[] samples = audio.samples();
    boolean truncated = samples.length > maxSamples;
    if (truncated) {
      samples = Arrays.copyOf(samples, (int) maxSamples);
    }
    long step = System.nanoTime();
    short[] atModelRate = Resampler.resample(samples, audio.sampleRate(), model.sampleRate());
    double resample = millisSince(step);

    step = System.nanoTime();
    String heard = VoskTranscriber.transcribe(model, atModelRate, grammars.json(model, questionId));
    double grammar = millisSince(step);

    step = System.nanoTime();
    Heard decided = understand(heard, language, questionId, Mode.GRAMMAR);
    double classify = millisSince(step);

    double freeForm = 0;
    if (properties.fallback() != SpeechProperties.Fallback.NONE && decided.unclear()) {
      step = System.nanoTime();
      boolean freeSpeech = properties.fallback() == SpeechProperties.Fallback.FREE_FORM;
      String free =
          VoskTranscriber.transcribe(
              model, atModelRate, freeSpeech ? null : grammars.distressJson(model));
      freeForm = millisSince(step);
      decided =
          fallback(decided, free, language, freeSpeech ? Mode.FREE_FORM : Mode.DISTRESS_GRAMMAR);
    }
    Timings timings =
        new Timings(
            samples.length * 1000L / audio.sampleRate(),
            truncated,
            audio.sampleRate(),
            model.sampleRate(),
            read,
            resample,
            grammar,
            freeForm,
            classify,
            millisSince(start));
    return new Recognition(
        language,
        questionId,
        decided.transcript(),
        decided.understanding(),
        decided.confirmation(),
        decided.mode(),
        model.name(),
        timings);
  }

  private record Heard(
      String transcript,
      Understanding understanding,
      Optional<Confirmation> confirmation,
      Mode mode) {

    boolean unclear() {
      Intent intent = understanding.intent();
      if (confirmation.isPresent()) {
        Confirmation.Answer answer = confirmation.get().answer();
        return answer == Confirmation.Answer.UNCLEAR || answer == Confirmation.Answer.SILENT;
      }
      return intent == Intent.UNCLEAR || intent == Intent.SILENT;
    }
  }

  private Heard understand(String transcript, Language language, String questionId, Mode mode) {
    IntentClassifier.Interpretation reading =
        classifier.interpret(transcript, language, questionId);
    return new Heard(transcript, reading.understanding(), reading.confirmation(), mode);
  }

  /**
   * Free-form words count only as distress; otherwise as unclear speech if the grammar heard none.
   */
  private Heard fallback(Heard grammar, String free, Language language, Mode mode) {
    Understanding classified = classifier.classify(free, language);
    // At a confirmation question (identity) no needs are read, whatever the words.
    Understanding reading =
        grammar.confirmation().isPresent() ? classified.withNeeds(Set.of()) : classified;
    if (reading.intent() == Intent.HELP) {
      Optional<Confirmation> confirmation =
          grammar
              .confirmation()
              .map(
                  c ->
                      new Confirmation(
                          Confirmation.Answer.HELP, reading.matched(), reading.normalizedText()));
      return new Heard(free, reading, confirmation, mode);
    }
    if (grammar.transcript().isEmpty() && !free.isEmpty()) {
      // Distress-like words heard free-form still ask a person to listen quickly.
      Review review = reading.review() == Review.URGENT ? Review.URGENT : Review.LISTEN;
      Understanding unclear =
          new Understanding(
              Intent.UNCLEAR,
              Set.of(),
              List.of(),
              reading.normalizedText(),
              review,
              reading.alarms(),
              reading.model());
      Optional<Confirmation> confirmation =
          grammar
              .confirmation()
              .map(
                  c ->
                      new Confirmation(
                          Confirmation.Answer.UNCLEAR, List.of(), reading.normalizedText()));
      return new Heard(free, unclear, confirmation, mode);
    }
    if (reading.review() == Review.URGENT) {
      return new Heard(
          grammar.transcript(),
          grammar.understanding().withReview(Review.URGENT),
          grammar.confirmation(),
          grammar.mode());
    }
    return grammar;
  }

  private static Language language(String dialect) {
    return ReplyLanguages.of(dialect)
        .orElseThrow(
            () -> new IllegalArgumentException("Unknown dialect or language '" + dialect + "'"));
  }

  private static double millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e6;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
