package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tanfang.speech.Recognition.Mode;
import org.tanfang.speech.audio.WavFile;
import org.tanfang.speech.audio.WavFormatException;
import org.tanfang.testsupport.SpeechFixtures;

/**
 * The real recognition path on the English test model: espeak-ng replies at 8 kHz (as Asterisk
 * records them) → resample to 16 kHz → Vosk with the question's grammar → intent.
 */
class SpeechRecognizerTest {

  private static final IntentClassifier CLASSIFIER = TrainedClassifier.get();
  private static VoskModels models;
  private static SpeechRecognizer recognizer;

  @TempDir static Path audio;

  @BeforeAll
  static void loadModel() {
    Path model = SpeechFixtures.englishModel();
    models =
        new VoskModels(
            properties(Map.of("en", model.toString()), SpeechProperties.Fallback.DISTRESS_GRAMMAR));
    recognizer =
        new SpeechRecognizer(
            models, CLASSIFIER, properties(Map.of(), SpeechProperties.Fallback.DISTRESS_GRAMMAR));
  }

  @AfterAll
  static void close() {
    if (recognizer != null) {
      recognizer.close();
      models.close();
    }
  }

  static SpeechProperties properties(
      Map<String, String> modelDirs, SpeechProperties.Fallback fallback) {
    return new SpeechProperties(
        modelDirs,
        2,
        8,
        Duration.ofSeconds(8),
        Duration.ofSeconds(30),
        fallback,
        Path.of("recordings"),
        Duration.ofDays(90));
  }

  @ParameterizedTest(name = "[{0}] \"{1}\" → {2}")
  @CsvSource({
    "health, i am fine, FINE, fine",
    "health, i am not well, UNWELL, not well",
    "health, help me i fell, HELP, help me i fell",
    "health, i have a headache, UNWELL, headache",
    "family, i feel lonely, NEEDS, lonely",
  })
  void telephoneRepliesAreHeardThroughTheQuestionsGrammar(
      String question, String said, Intent intent, String heard) throws Exception {
    Path wav = SpeechFixtures.say(audio, said.replace(' ', '-'), said);

    Recognition recognition = recognizer.recognize(wav, "en", question);

    assertThat(recognition.transcript()).contains(heard);
    assertThat(recognition.intent()).isEqualTo(intent);
    assertThat(recognition.mode()).isEqualTo(Mode.GRAMMAR);
    assertThat(recognition.model())
        .isEqualTo(SpeechFixtures.englishModel().getFileName().toString());
  }

  @ParameterizedTest(name = "[identity] \"{0}\" → {1}")
  @CsvSource({"yes speaking, CONFIRMED", "'no, she is not here', DENIED"})
  void theIdentityQuestionIsAConfirmation(String said, Confirmation.Answer answer)
      throws Exception {
    Path wav = SpeechFixtures.say(audio, "identity-" + answer, said);

    Recognition recognition = recognizer.recognize(wav, "en", "identity");

    assertThat(recognition.confirmation()).get().extracting(Confirmation::answer).isEqualTo(answer);
  }

  @Test
  void eightKilohertzAudioIsResampledToTheModelsRate() throws Exception {
    Path wav = SpeechFixtures.say(audio, "resampled", "i am fine");
    assertThat(WavFile.read(wav).sampleRate()).isEqualTo(8000);

    Recognition recognition = recognizer.recognize(wav, "en", "health");

    assertThat(recognition.timings().inputRate()).isEqualTo(8000);
    assertThat(recognition.timings().modelRate()).isEqualTo(16000);
    assertThat(recognition.timings().resampled()).isTrue();
    assertThat(recognition.timings().audioMillis()).isPositive();
    assertThat(recognition.intent()).isEqualTo(Intent.FINE);
  }

  @Test
  void distressInFreeSpeechIsHelp() throws Exception {
    Path wav =
        SpeechFixtures.say(
            audio,
            "free",
            "my neighbour went to the market and I think I smell gas in the kitchen");

    Recognition recognition = recognizer.recognize(wav, "en", "living");

    assertThat(recognition.intent()).isEqualTo(Intent.HELP);
    assertThat(recognition.understanding().matched()).isNotEmpty();
  }

  @Test
  void silenceIsSilent() throws Exception {
    Path wav = audio.resolve("silence.wav");
    new WavFile(8000, new short[16000]).write(wav);

    Recognition recognition = recognizer.recognize(wav, "en", "health");

    assertThat(recognition.intent()).isEqualTo(Intent.SILENT);
    assertThat(recognition.transcript()).isEmpty();
  }

  @Test
  void recognizeAsyncRunsOnThePool() throws Exception {
    Path wav = SpeechFixtures.say(audio, "async", "help me i fell");

    Recognition recognition =
        recognizer.recognizeAsync(wav, "en", "health").get(30, TimeUnit.SECONDS);

    assertThat(recognition.intent()).isEqualTo(Intent.HELP);
  }

  @Test
  void aLanguageWithoutAModelIsKeypadOnly() throws Exception {
    Path wav = SpeechFixtures.say(audio, "cmn", "i am fine");

    assertThat(recognizer.canRecognize("en")).isTrue();
    assertThat(recognizer.canRecognize("hainan")).isFalse();
    assertThat(models.status(Language.CMN).state()).isEqualTo(VoskModels.State.NOT_CONFIGURED);
    assertThatThrownBy(() -> recognizer.recognize(wav, "hainan", "health"))
        .isInstanceOf(NoSpeechModelException.class)
        .hasMessageContaining("keypad-only");
  }

  @Test
  void aFileThatIsNotAWavIsRefused() throws Exception {
    Path text = Files.writeString(audio.resolve("note.wav"), "not audio at all");

    assertThatThrownBy(() -> recognizer.recognize(text, "en", "health"))
        .isInstanceOf(WavFormatException.class);
  }
}
