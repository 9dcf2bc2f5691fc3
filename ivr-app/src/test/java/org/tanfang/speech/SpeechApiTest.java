package org.tanfang.speech;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.testsupport.SpeechFixtures;
import org.tanfang.testsupport.TanfangTest;

@TanfangTest
class SpeechApiTest {
  static final RequestPostProcessor ADMIN = httpBasic("admin", "admin-test-password");

  @Autowired MockMvc mvc;

  @TempDir Path audio;

  @Test
  void classifyGivesTheIntentAndTheWordsThatDecided() throws Exception {
    mvc.perform(
            post("/api/speech/classify")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"text\":\"前几天摔了一跤，现在好了\",\"language\":\"hainan\",\"questionId\":\"health\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.language").value("cmn"))
        .andExpect(jsonPath("$.intent").value("HELP"))
        .andExpect(jsonPath("$.matched[0]").value(Matchers.containsString("摔")))
        .andExpect(jsonPath("$.review").value("NONE"));
  }

  @Test
  void classifyTellsWhenAPersonShouldListenQuickly() throws Exception {
    mvc.perform(
            post("/api/speech/classify")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"手上有血\",\"language\":\"cmn\",\"questionId\":\"health\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.review").value("URGENT"))
        .andExpect(jsonPath("$.alarms[0]").value("血"))
        .andExpect(jsonPath("$.model.intent").isString());
  }

  @Test
  void classifyRefusesATextOverTheLimit() throws Exception {
    // Over the classifier's 2000, under the request limit for any text
    // (tanfang.web.max-text-length).
    String text = "好".repeat(5_000);
    mvc.perform(
            post("/api/speech/classify")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"" + text + "\",\"language\":\"cmn\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("text"))
        .andExpect(jsonPath("$.errors[0].rule").value("speech.tooLong"))
        .andExpect(jsonPath("$.errors[0].message.en").value(Matchers.containsString("2000")))
        .andExpect(jsonPath("$.errors[0].message['zh-CN']").value(Matchers.containsString("太长")));
  }

  @Test
  void classifyAnswersTheIdentityQuestionAsAConfirmation() throws Exception {
    mvc.perform(
            post("/api/speech/classify")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"嗯，他不在\",\"language\":\"cmn\",\"questionId\":\"identity\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.confirmation").value("DENIED"));
  }

  @Test
  void classifyNamesEveryBadField() throws Exception {
    mvc.perform(
            post("/api/speech/classify")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"language\":\"fr\",\"questionId\":\"weather\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[*].field")
                .value(Matchers.contains("text", "language", "questionId")))
        .andExpect(jsonPath("$.errors[1].rule").value("speech.language"))
        .andExpect(jsonPath("$.errors[1].message.en").value(Matchers.containsString("\"fr\"")))
        .andExpect(
            jsonPath("$.errors[1].message['zh-CN']").value(Matchers.containsString("不支持的语言")));
  }

  @Test
  void theApiNeedsASignedInUser() throws Exception {
    mvc.perform(
            post("/api/speech/classify")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"fine\",\"language\":\"en\"}"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void recognizeHearsAnUploadedTelephoneReply() throws Exception {
    SpeechFixtures.englishModel();
    Path wav = SpeechFixtures.say(audio, "fell", "help me i fell");

    mvc.perform(
            multipart("/api/speech/recognize")
                .file(
                    new MockMultipartFile("file", "fell.wav", "audio/wav", Files.readAllBytes(wav)))
                .param("language", "en")
                .param("questionId", "health")
                .with(ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.transcript").value("help me i fell"))
        .andExpect(jsonPath("$.mode").value("GRAMMAR"))
        .andExpect(jsonPath("$.understanding.intent").value("HELP"))
        .andExpect(jsonPath("$.timings.inputRate").value(8000))
        .andExpect(jsonPath("$.timings.modelRate").value(16000))
        .andExpect(jsonPath("$.timings.totalMillis").isNumber());
  }

  @Test
  void recognizeRefusesAFileThatIsNotAWavAndAnUnknownLanguage() throws Exception {
    mvc.perform(
            multipart("/api/speech/recognize")
                .file(new MockMultipartFile("file", "note.txt", "text/plain", "hello".getBytes()))
                .param("language", "klingon")
                .with(ADMIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("language", "file")))
        .andExpect(jsonPath("$.errors[1].rule").value("speech.notWav"));
  }

  @Test
  void recognizeInALanguageWithoutAModelIsUnavailable() throws Exception {
    byte[] silence = new org.tanfang.speech.audio.WavFile(8000, new short[800]).toBytes();

    mvc.perform(
            multipart("/api/speech/recognize")
                .file(new MockMultipartFile("file", "a.wav", "audio/wav", silence))
                .param("language", "cmn")
                .with(ADMIN))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.errors[0].rule").value("speech.noModel"));
  }

  @Test
  void healthShowsWhichLanguagesHaveAModel() throws Exception {
    mvc.perform(get("/actuator/health").with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.components.speech.status").value("UP"))
        .andExpect(jsonPath("$.components.speech.details.cmn.mode").value("keypad-only"))
        .andExpect(jsonPath("$.components.speech.details.cmn.state").value("NOT_CONFIGURED"));
    String english = SpeechFixtures.englishModelConfigured() ? "READY" : "NOT_CONFIGURED";
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                mvc.perform(get("/actuator/health").with(user("admin").roles("ADMIN")))
                    .andExpect(jsonPath("$.components.speech.details.en.state").value(english)));
  }
}
