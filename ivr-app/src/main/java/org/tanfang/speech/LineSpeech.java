package org.tanfang.speech;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tanfang.callflow.LineRecognizer;
import org.tanfang.speech.audio.Resampler;
import org.tanfang.speech.audio.WavFile;

/**
 * The line check's ears: energy first (a quiet line costs no recognition), the 450 Hz ring-back
 * tone next (SOUND, no recognition either), then Vosk constrained to the language's carrier and
 * voicemail phrases ({@link LinePhrases}) with {@code [unk]} for any other sound, so ring-back,
 * music and unknown speech come out as SOUND rather than as a forced phrase. Runs on the AGI
 * thread: a few seconds of 8 kHz audio take tens of milliseconds.
 */
@Component
class LineSpeech implements LineRecognizer {
  private static final Logger log = LoggerFactory.getLogger(LineSpeech.class);

  private final VoskModels models;
  private final SpeechProperties props;
  private final ReplyLanguageOverride languages;
  private final Map<Language, LinePhrases> phrases = new ConcurrentHashMap<>();
  private final Map<String, String> grammars = new ConcurrentHashMap<>();

  LineSpeech(VoskModels models, SpeechProperties props, ReplyLanguageOverride languages) {
    this.models = models;
    this.props = props;
    this.languages = languages;
  }

  @Override
  public boolean canHear(String dialect) {
    return languages.replyLanguage(dialect).map(models::available).orElse(false);
  }

  @Override
  public Heard hear(Path recording, String dialect) {
    WavFile audio;
    try {
      audio = WavFile.read(recording);
    } catch (IOException e) {
      log.warn("Line recording {} unreadable: {}", recording, e.toString());
      return new Heard(Kind.QUIET, "", 0, 0);
    }
    double seconds = audio.durationMillis() / 1000.0;
    double voiced = LineEnergy.voicedSeconds(audio);
    if (voiced == 0) {
      return new Heard(Kind.QUIET, "", seconds, 0);
    }
    if (LineEnergy.toneSeconds(audio, LineEnergy.RINGBACK_HZ) >= 0.8 * voiced) {
      // Ring-back (or the busy tone): the network's, never a person's or a phrase; no recognition.
      return new Heard(Kind.SOUND, "", seconds, voiced);
    }
    Optional<Language> language = languages.replyLanguage(dialect);
    Optional<SpeechModel> model = language.flatMap(l -> models.model(l, props.timeout()));
    if (model.isEmpty()) {
      return new Heard(Kind.SOUND, "", seconds, voiced);
    }
    String transcript = transcribe(model.get(), audio);
    Kind kind = phrasesOf(model.get().language()).kindOf(transcript);
    return new Heard(kind, transcript, seconds, voiced);
  }

  /** The transcript of a line recording (also the benchmark's entry point). */
  String transcribe(SpeechModel model, WavFile audio) {
    short[] samples = Resampler.resample(audio.samples(), audio.sampleRate(), model.sampleRate());
    String grammar =
        grammars.computeIfAbsent(
            model.dir() + "|" + model.language().code(),
            k -> VoskGrammar.toJson(phrasesOf(model.language()).grammar(model.vocabulary())));
    return VoskTranscriber.transcribe(model, samples, grammar);
  }

  LinePhrases phrasesOf(Language language) {
    return phrases.computeIfAbsent(language, LinePhrases::load);
  }
}
