package org.tanfang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.tanfang.speech.IntentClassifier;
import org.tanfang.speech.Language;
import org.tanfang.speech.Recognition;
import org.tanfang.speech.SpeechProperties;
import org.tanfang.speech.SpeechRecognizer;
import org.tanfang.speech.VoskGrammar;
import org.tanfang.speech.VoskModels;
import org.tanfang.speech.audio.Resampler;
import org.tanfang.speech.audio.WavFile;
import org.tanfang.testsupport.SpeechFixtures;
import org.vosk.Recognizer;

/**
 * Speech throughput on this machine: real-time factor (processing time / audio time) and utterances
 * per second, for raw Vosk (16 kHz audio, health grammar, no resampling or classification) and the
 * whole pipeline (8 kHz WAV → read → resample → Vosk grammar → classify, with the free-form
 * fallback when unclear), on 1 and 2 threads. Usage (benchmarks/speech.sh): {@code SpeechBenchmark
 * <model dir> [utterances]}.
 */
public final class SpeechBenchmark {

  private static final List<String> REPLIES =
      List.of(
          "i am fine",
          "i am not well",
          "help me i fell",
          "i have a headache",
          "i feel lonely",
          "i'm doing fine thank you",
          "my chest hurts and i can't breathe",
          "not too bad thank you",
          "i am a little tired today",
          "yes i ran out of medicine");

  private SpeechBenchmark() {}

  record Clip(Path phone, short[] wide, long audioMillis) {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    Path dir = Files.createTempDirectory("speech-bench");
    List<Clip> clips = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path phone = SpeechFixtures.say(dir, "u" + i, REPLIES.get(i % REPLIES.size()));
      WavFile wav = WavFile.read(phone);
      clips.add(
          new Clip(phone, Resampler.resample(wav.samples(), 8000, 16000), wav.durationMillis()));
    }
    long audio = clips.stream().mapToLong(Clip::audioMillis).sum();
    SpeechProperties properties =
        new SpeechProperties(
            Map.of("en", model.toString()),
            2,
            1000,
            Duration.ofSeconds(8),
            Duration.ofMinutes(5),
            SpeechProperties.Fallback.DISTRESS_GRAMMAR,
            dir,
            Duration.ofDays(90));
    VoskModels models = new VoskModels(properties);
    IntentClassifier classifier = IntentClassifier.loadDefault();
    SpeechRecognizer recognizer = new SpeechRecognizer(models, classifier, properties);
    SpeechRecognizer freeForm =
        new SpeechRecognizer(
            models,
            classifier,
            new SpeechProperties(
                properties.models(),
                properties.poolSize(),
                properties.queueCapacity(),
                properties.maxReply(),
                properties.timeout(),
                SpeechProperties.Fallback.FREE_FORM,
                properties.recordingsDir(),
                properties.recordingRetention()));
    var speechModel = models.model(Language.EN, Duration.ofMinutes(1)).orElseThrow();
    String grammar =
        new VoskGrammar(classifier).json("health", Language.EN, speechModel.vocabulary());

    System.out.printf(
        "%d utterances, %.1f s of audio (espeak-ng en-us, 8 kHz), model %s, %d cores%n",
        count, audio / 1000.0, model.getFileName(), Runtime.getRuntime().availableProcessors());
    System.out.println("| path | threads | RTF | utterances/s |");
    System.out.println("|---|---|---|---|");
    for (int threads : new int[] {1, 2}) {
      run(
          "raw Vosk, grammar (16 kHz in)",
          threads,
          clips,
          audio,
          c -> raw(speechModel.model(), c, grammar));
    }
    run(
        "raw Vosk, free-form (16 kHz in)",
        1,
        clips.subList(0, Math.min(10, count)),
        clips.subList(0, Math.min(10, count)).stream().mapToLong(Clip::audioMillis).sum(),
        c -> raw(speechModel.model(), c, null));
    for (SpeechRecognizer pipeline : List.of(recognizer, freeForm)) {
      String fallback = pipeline == recognizer ? "distress grammar" : "free-form";
      int[] fallbacks = new int[1];
      for (int threads : new int[] {1, 2}) {
        run(
            "pipeline: 8 kHz WAV → resample → grammar → classify (+ " + fallback + " fallback)",
            threads,
            clips,
            audio,
            c -> {
              Recognition r = pipeline.recognize(c.phone(), "en", "health");
              if (r.timings().freeFormMillis() > 0) {
                synchronized (fallbacks) {
                  fallbacks[0]++;
                }
              }
            });
      }
      System.out.printf(
          "(pipeline runs that took the %s fallback: %d of %d)%n",
          fallback, fallbacks[0], 2 * count);
    }
    for (SpeechRecognizer pipeline : List.of(recognizer, freeForm)) {
      interleaved(
          pipeline == recognizer ? "distress grammar" : "free-form",
          pipeline,
          speechModel.model(),
          grammar,
          clips);
    }
    freeForm.close();
    recognizer.close();
    models.close();
    System.exit(0);
  }

  interface Work {
    void on(Clip clip) throws Exception;
  }

  private static void run(String name, int threads, List<Clip> clips, long audio, Work work)
      throws Exception {
    for (Clip clip : clips.subList(0, Math.min(3, clips.size()))) {
      work.on(clip); // warm-up
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (Clip clip : clips) {
      done.add(
          pool.submit(
              () -> {
                work.on(clip);
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    // RTF per stream: busy time of each thread over the audio it handled = threads × wall / audio.
    System.out.printf(
        "| %s | %d | %.3f | %.1f |%n",
        name, threads, threads * seconds / (audio / 1000.0), clips.size() / seconds);
  }

  private static void raw(org.vosk.Model model, Clip clip, String grammar) throws IOException {
    try (Recognizer r =
        grammar == null ? new Recognizer(model, 16000f) : new Recognizer(model, 16000f, grammar)) {
      short[] s = clip.wide();
      for (int at = 0; at < s.length; at += 3200) {
        int n = Math.min(3200, s.length - at);
        r.acceptWaveForm(java.util.Arrays.copyOfRange(s, at, at + n), n);
      }
      r.getFinalResult();
    }
  }

  /**
   * The speech cost ratio measured fairly on a shared machine: for each clip, raw grammar
   * recognition and the whole pipeline run one right after the other (three rounds over all clips),
   * so a change in the machine's load hits both alike; prints the ratio and where the pipeline's
   * time goes.
   */
  private static void interleaved(
      String fallback,
      SpeechRecognizer pipeline,
      org.vosk.Model model,
      String grammar,
      List<Clip> clips)
      throws Exception {
    double raw = 0;
    double whole = 0;
    double read = 0;
    double resample = 0;
    double grammarPass = 0;
    double second = 0;
    double classify = 0;
    for (int round = 0; round < 3; round++) {
      for (Clip clip : clips) {
        long t = System.nanoTime();
        raw(model, clip, grammar);
        raw += (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        Recognition r = pipeline.recognize(clip.phone(), "en", "health");
        whole += (System.nanoTime() - t) / 1e6;
        read += r.timings().readMillis();
        resample += r.timings().resampleMillis();
        grammarPass += r.timings().grammarMillis();
        second += r.timings().freeFormMillis();
        classify += r.timings().classifyMillis();
      }
    }
    System.out.printf(
        "interleaved, %s fallback: raw grammar %.0f ms, pipeline %.0f ms, ratio %.2f; pipeline"
            + " parts: read %.0f, resample %.0f, grammar %.0f, fallback %.0f, classify %.0f ms%n",
        fallback, raw, whole, whole / raw, read, resample, grammarPass, second, classify);
  }
}
