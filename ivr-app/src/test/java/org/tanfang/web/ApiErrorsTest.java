package org.tanfang.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.tanfang.dialer.TestCalls;
import org.tanfang.escalation.EscalationConflictException;
import org.tanfang.escalation.EscalationNotFoundException;
import org.tanfang.registry.ElderNotFoundException;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;
import org.tanfang.speech.Language;
import org.tanfang.speech.NoSpeechModelException;

/**
 * The REST API's error bodies ({@link ApiErrors}): each failure becomes its status, an error code
 * and every field with its rule and a message in Chinese and English. A web slice: the advice, the
 * message bundles and a controller that fails on request, no database.
 */
@WebMvcTest(controllers = ApiErrorsTest.Failing.class)
@Import({ApiErrorsTest.Failing.class, ProblemMessages.class})
@WithMockUser
class ApiErrorsTest {
  @Autowired MockMvc mvc;

  @Test
  void shouldAnswerInvalidInputWith400NamingEveryFieldInBothLanguages() throws Exception {
    mvc.perform(get("/failing/invalid"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.error").value("invalid"))
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(jsonPath("$.errors[0].field").value("idNumber"))
        .andExpect(jsonPath("$.errors[0].rule").value("idNumber.checkDigit"))
        .andExpect(
            jsonPath("$.errors[0].message['zh-CN']")
                .value(org.hamcrest.Matchers.startsWith("身份证号：校验位不正确")))
        .andExpect(
            jsonPath("$.errors[0].message.en")
                .value(org.hamcrest.Matchers.startsWith("ID-card number: has a wrong check digit")))
        .andExpect(jsonPath("$.errors[1].field").value("emergencyContacts[1].phone"))
        .andExpect(jsonPath("$.errors[1].rule").value("required"));
  }

  @Test
  void shouldAnswerUnknownElderAndCaseWith404() throws Exception {
    mvc.perform(get("/failing/elder/7"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("not-found"))
        .andExpect(jsonPath("$.errors[0].message.en").value("Id: no such elder"))
        .andExpect(jsonPath("$.errors[0].message['zh-CN']").value("编号：没有这位老人"));
    mvc.perform(get("/failing/escalation/7"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.errors[0].rule").value("escalation.notFound"))
        .andExpect(jsonPath("$.errors[0].message.en").value("Id: no such case"));
  }

  @Test
  void shouldAnswerConflictsWith409() throws Exception {
    mvc.perform(get("/failing/claimed"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("conflict"))
        .andExpect(jsonPath("$.errors[0].field").value("state"))
        .andExpect(jsonPath("$.errors[0].message.en").value("Case: already claimed by staff2"));
    mvc.perform(get("/failing/stale"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].field").value("version"))
        .andExpect(jsonPath("$.errors[0].rule").value("version.conflict"));
    mvc.perform(get("/failing/not-callable"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("not-callable"))
        .andExpect(jsonPath("$.errors[0].field").value("elderId"));
  }

  @Test
  void shouldAnswerBadRequestsWith400NamingTheParameterOrBody() throws Exception {
    mvc.perform(get("/failing/param"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("month"))
        .andExpect(jsonPath("$.errors[0].rule").value("required"))
        .andExpect(jsonPath("$.errors[0].message.en").value("Month: is required"));
    mvc.perform(get("/failing/number/abc"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("id"))
        .andExpect(jsonPath("$.errors[0].message.en").value("Id: \"abc\" has the wrong format"));
    mvc.perform(
            post("/failing/body")
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("unreadable"))
        .andExpect(jsonPath("$.errors[0].field").value("body"))
        .andExpect(jsonPath("$.errors[0].rule").value("body.unreadable"));
  }

  @Test
  void shouldAnswerATooLargeUploadWith413AndAMissingSpeechModelWith503() throws Exception {
    mvc.perform(get("/failing/too-large"))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.errors[0].field").value("file"))
        .andExpect(jsonPath("$.errors[0].message.en").value("File: is too large"));
    mvc.perform(get("/failing/no-model"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("no-speech-model"))
        .andExpect(jsonPath("$.errors[0].field").value("language"));
  }

  /** Fails each request the way a feature would. */
  @RestController
  static class Failing {
    @GetMapping("/failing/invalid")
    void invalid() {
      throw new InvalidInputException(
          "elder",
          List.of(
              FieldProblem.of("idNumber", "idNumber.checkDigit", "110105194912310021"),
              FieldProblem.of("emergencyContacts[1].phone", "required")));
    }

    @GetMapping("/failing/elder/{id}")
    void elder(@PathVariable long id) {
      throw new ElderNotFoundException(id);
    }

    @GetMapping("/failing/escalation/{id}")
    void escalation(@PathVariable long id) {
      throw new EscalationNotFoundException(id);
    }

    @GetMapping("/failing/claimed")
    void claimed() {
      throw new EscalationConflictException("escalation.claimedByOther", "staff2");
    }

    @GetMapping("/failing/stale")
    void stale() {
      throw new OptimisticLockingFailureException("version 3 is not 4");
    }

    @GetMapping("/failing/not-callable")
    void notCallable() {
      throw new TestCalls.NotCallableException("elder 7 is PAUSED");
    }

    @GetMapping("/failing/param")
    void param(@RequestParam String month) {}

    @GetMapping("/failing/number/{id}")
    void number(@PathVariable long id) {}

    @PostMapping("/failing/body")
    void body(@RequestBody Map<String, Object> body) {}

    @GetMapping("/failing/too-large")
    void tooLarge() {
      throw new MaxUploadSizeExceededException(50L * 1024 * 1024);
    }

    @GetMapping("/failing/no-model")
    void noModel() {
      throw new NoSpeechModelException(Language.CMN);
    }
  }
}
