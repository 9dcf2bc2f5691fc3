package org.tanfang.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.mock.env.MockEnvironment;
import org.tanfang.callflow.LineRecognizer.Kind;
import org.tanfang.speech.audio.WavFile;
import org.tanfang.testsupport.SpeechFixtures;

/**
 * Line check accuracy and time to decision (benchmarks/line-check.sh): carrier announcements,
 * voicemail greetings and people picking up, said by espeak-ng at 8 kHz, heard by {@link
 * LineSpeech} with the English test model. A person counts as right when the verdict lets the
 * greeting start (PERSON, QUIET, SOUND); an announcement or a greeting only with its own kind.
 */
public final class LineCheckBenchmark {
  private static final Map<String, Kind> SET = new LinkedHashMap<>();

  static {
    SET.put("the number you dialed is switched off", Kind.SWITCHED_OFF);
    SET.put(
        "sorry the phone you dialed is switched off please call again later", Kind.SWITCHED_OFF);
    SET.put("the number you dialed has been suspended", Kind.SUSPENDED);
    SET.put("sorry the number you dialed has been suspended", Kind.SUSPENDED);
    SET.put("the number you dialed does not exist", Kind.NO_SUCH_NUMBER);
    SET.put("sorry the number you dialed does not exist please check it", Kind.NO_SUCH_NUMBER);
    SET.put("the subscriber you dialed cannot be reached at the moment", Kind.UNREACHABLE_NETWORK);
    SET.put("sorry the subscriber cannot be reached please try later", Kind.UNREACHABLE_NETWORK);
    SET.put("the number you dialed is busy", Kind.BUSY);
    SET.put("please leave a message after the tone", Kind.VOICEMAIL);
    SET.put("hi this is john i am not available please leave a message", Kind.VOICEMAIL);
    SET.put("you have reached the voice mail of mary", Kind.VOICEMAIL);
    SET.put("hello", Kind.PERSON);
    SET.put("hello who is it", Kind.PERSON);
    SET.put("yes", Kind.PERSON);
    SET.put("hi", Kind.PERSON);
    SET.put("hello hello", Kind.PERSON);
    SET.put("yes speaking", Kind.PERSON);
    SET.put("what", Kind.PERSON);
    SET.put("who is calling", Kind.PERSON);
    SET.put("", Kind.QUIET);
  }

  private LineCheckBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("line-bench");
    SpeechProperties properties =
        new SpeechProperties(
            Map.of("en", model.toString()),
            1,
            100,
            Duration.ofSeconds(8),
            Duration.ofMinutes(5),
            SpeechProperties.Fallback.DISTRESS_GRAMMAR,
            dir,
            Duration.ofDays(90));
    VoskModels models = new VoskModels(properties);
    models.model(Language.EN, Duration.ofMinutes(2)).orElseThrow();
    LineSpeech ears =
        new LineSpeech(
            models, properties, new ReplyLanguageOverride(properties, new MockEnvironment()));
    List<Path> clips = new ArrayList<>();
    int n = 0;
    for (String text : SET.keySet()) {
      Path wav = dir.resolve("c" + n++ + ".wav");
      if (text.isEmpty()) {
        WavFile quiet = new WavFile(8000, new short[8000]);
        Files.write(wav, quiet.toBytes());
      } else {
        Files.copy(SpeechFixtures.say(dir, "s" + n, text), wav);
      }
      clips.add(wav);
    }
    ears.hear(clips.get(0), "en"); // warm-up: grammar build, first recognizer
    int networkRight = 0, networkTotal = 0, personRight = 0, personTotal = 0, falseNetwork = 0;
    double audio = 0, processing = 0, maxDecision = 0;
    int i = 0;
    for (var entry : SET.entrySet()) {
      Path wav = clips.get(i++);
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        var heard = ears.hear(wav, "en");
        double ms = (System.nanoTime() - start) / 1e6;
        processing += ms;
        audio += heard.audioSeconds();
        maxDecision = Math.max(maxDecision, heard.audioSeconds() * 1000 + ms);
        boolean person = !entry.getValue().network();
        if (person) {
          personTotal++;
          if (!heard.kind().network()) {
            personRight++;
          } else {
            falseNetwork++;
          }
        } else {
          networkTotal++;
          if (heard.kind() == entry.getValue()) {
            networkRight++;
          }
        }
        if (r == 0) {
          System.out.printf(
              "%-22s %-20s heard %-20s '%s' %.2f s + %.0f ms%n",
              entry.getValue(),
              '"' + entry.getKey().substring(0, Math.min(18, entry.getKey().length())) + '"',
              heard.kind(),
              heard.transcript(),
              heard.audioSeconds(),
              ms);
        }
      }
    }
    int total = networkTotal + personTotal;
    System.out.printf(
        "%nannouncements and voicemail: %d/%d right (%.1f %%)%n",
        networkRight, networkTotal, 100.0 * networkRight / networkTotal);
    System.out.printf(
        "people picking up: %d/%d greeted (%.1f %%), %d taken for the network%n",
        personRight, personTotal, 100.0 * personRight / personTotal, falseNetwork);
    System.out.printf(
        "time to decision: mean %.2f s of audio + %.0f ms recognition; worst %.2f s (%d clips)%n",
        audio / total, processing / total, maxDecision / 1000, total);
    models.close();
  }
}
