package org.tanfang.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.tanfang.shared.FieldProblem;
import org.tanfang.speech.Confirmation;
import org.tanfang.speech.IntentClassifier;
import org.tanfang.speech.InvalidSpeechRequestException;
import org.tanfang.speech.Language;
import org.tanfang.speech.NeedKind;
import org.tanfang.speech.NoSpeechModelException;
import org.tanfang.speech.Recognition;
import org.tanfang.speech.ReplyLanguages;
import org.tanfang.speech.Review;
import org.tanfang.speech.SpeechRecognizer;
import org.tanfang.speech.Understanding;
import org.tanfang.speech.audio.WavFile;

/**
 * Lets staff try replies: {@code POST /api/speech/classify} (text → intent and review; texts over
 * {@link IntentClassifier#MAX_TEXT_LENGTH} characters are refused with 400 {@code speech.tooLong})
 * and {@code POST /api/speech/recognize} (WAV upload → transcript, intent, timings). Any signed-in
 * role.
 */
@RestController
@RequestMapping("/api/speech")
class SpeechApi {

  private final IntentClassifier classifier;
  private final SpeechRecognizer recognizer;

  SpeechApi(IntentClassifier classifier, SpeechRecognizer recognizer) {
    this.classifier = classifier;
    this.recognizer = recognizer;
  }

  record ClassifyRequest(String text, String language, String questionId) {}

  record Answer(
      String language,
      String questionId,
      String intent,
      Set<NeedKind> needs,
      List<String> matched,
      String normalizedText,
      String confirmation,
      Review review,
      List<String> alarms,
      Understanding.ModelOpinion model) {

    static Answer of(
        Language language, String questionId, Understanding u, Optional<Confirmation> c) {
      return new Answer(
          language.code(),
          questionId,
          u.intent().name(),
          u.needs(),
          c.map(Confirmation::matched).orElse(u.matched()),
          u.normalizedText(),
          c.map(x -> x.answer().name()).orElse(null),
          u.review(),
          u.alarms(),
          u.model());
    }
  }

  record RecognizeResponse(
      String transcript,
      String mode,
      String model,
      Answer understanding,
      Recognition.Timings timings) {}

  @PostMapping(path = "/classify", consumes = MediaType.APPLICATION_JSON_VALUE)
  Answer classify(@RequestBody ClassifyRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.text() == null) {
      problems.add(FieldProblem.of("text", "required"));
    } else if (request.text().length() > IntentClassifier.MAX_TEXT_LENGTH) {
      problems.add(
          FieldProblem.of(
              "text", "speech.tooLong", request.text().length(), IntentClassifier.MAX_TEXT_LENGTH));
    }
    Language language = language(request.language(), problems);
    String question = question(request.questionId(), problems);
    if (!problems.isEmpty()) {
      throw new InvalidSpeechRequestException(problems);
    }
    IntentClassifier.Interpretation reading =
        classifier.interpret(request.text(), language, question);
    return Answer.of(language, question, reading.understanding(), reading.confirmation());
  }

  @PostMapping(path = "/recognize", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  RecognizeResponse recognize(
      @RequestParam("file") MultipartFile file,
      @RequestParam("language") String languageCode,
      @RequestParam(name = "questionId", required = false) String questionId) {
    List<FieldProblem> problems = new ArrayList<>();
    Language language = language(languageCode, problems);
    String question = question(questionId, problems);
    WavFile audio = null;
    if (file.isEmpty()) {
      problems.add(FieldProblem.of("file", "file.empty"));
    } else {
      try {
        audio = WavFile.read(file.getInputStream(), "upload");
      } catch (IOException e) {
        problems.add(FieldProblem.of("file", "speech.notWav", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpeechRequestException(problems);
    }
    if (!recognizer.canRecognize(language.code())) {
      throw new NoSpeechModelException(language);
    }
    Recognition r = recognizer.recognize(audio, language, question);
    return new RecognizeResponse(
        r.transcript(),
        r.mode().name(),
        r.model(),
        Answer.of(language, question, r.understanding(), r.confirmation()),
        r.timings());
  }

  private static Language language(String code, List<FieldProblem> problems) {
    if (code == null || code.isBlank()) {
      problems.add(FieldProblem.of("language", "required"));
      return null;
    }
    Optional<Language> language = ReplyLanguages.of(code);
    if (language.isEmpty()) {
      problems.add(FieldProblem.of("language", "speech.language", code));
    }
    return language.orElse(null);
  }

  private String question(String id, List<FieldProblem> problems) {
    if (id == null || id.isBlank()) {
      return null;
    }
    if (!classifier.questions().ids().contains(id.strip())) {
      problems.add(
          FieldProblem.of(
              "questionId",
              "speech.question",
              id,
              String.join(", ", classifier.questions().ids())));
      return null;
    }
    return id.strip();
  }
}
