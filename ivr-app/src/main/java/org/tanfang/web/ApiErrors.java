package org.tanfang.web;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.tanfang.dialer.TestCalls;
import org.tanfang.escalation.EscalationConflictException;
import org.tanfang.escalation.EscalationNotFoundException;
import org.tanfang.registry.ElderNotFoundException;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;
import org.tanfang.speech.NoSpeechModelException;

/**
 * Error bodies of the REST API: every rejected field is named with its rule and a message in
 * Chinese and English, e.g. {@code {"status":400,"error":"invalid","errors":[{"field":"idNumber",
 * "rule":"idNumber.checkDigit","message":{"zh-CN":"…","en":"…"}}]}}.
 */
@RestControllerAdvice(basePackages = "org.tanfang")
class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
  private final ProblemMessages messages;

  ApiErrors(ProblemMessages messages) {
    this.messages = messages;
  }

  record ApiError(String field, String rule, Map<String, String> message) {}

  record ErrorBody(int status, String error, List<ApiError> errors) {}

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ErrorBody> invalid(InvalidInputException e) {
    return body(HttpStatus.BAD_REQUEST, "invalid", e.problems());
  }

  /** A recorded prompt refused: 400 (a check), 403 (approving), 404 (no such prompt), 415. */
  @ExceptionHandler(org.tanfang.prompts.PromptRejectedException.class)
  ResponseEntity<ErrorBody> promptRejected(org.tanfang.prompts.PromptRejectedException e) {
    HttpStatus status = HttpStatus.valueOf(e.status());
    String error =
        switch (e.status()) {
          case 403 -> "forbidden";
          case 404 -> "not-found";
          case 415 -> "unsupported-media-type";
          default -> "invalid";
        };
    return body(status, error, e.problems());
  }

  /** The language has no Vosk model: its elders answer by keypad; nothing to try here. */
  @ExceptionHandler(NoSpeechModelException.class)
  ResponseEntity<ErrorBody> noSpeechModel(NoSpeechModelException e) {
    return body(
        HttpStatus.SERVICE_UNAVAILABLE,
        "no-speech-model",
        List.of(FieldProblem.of("language", "speech.noModel", e.language().code())));
  }

  @ExceptionHandler(ElderNotFoundException.class)
  ResponseEntity<ErrorBody> notFound(ElderNotFoundException e) {
    return body(HttpStatus.NOT_FOUND, "not-found", List.of(FieldProblem.of("id", "notFound")));
  }

  @ExceptionHandler(EscalationNotFoundException.class)
  ResponseEntity<ErrorBody> noEscalation(EscalationNotFoundException e) {
    return body(
        HttpStatus.NOT_FOUND, "not-found", List.of(FieldProblem.of("id", "escalation.notFound")));
  }

  @ExceptionHandler(EscalationConflictException.class)
  ResponseEntity<ErrorBody> escalationConflict(EscalationConflictException e) {
    return body(
        HttpStatus.CONFLICT,
        "conflict",
        List.of(FieldProblem.of("state", e.rule(), e.args().toArray())));
  }

  @ExceptionHandler(TestCalls.NotCallableException.class)
  ResponseEntity<ErrorBody> notCallable(TestCalls.NotCallableException e) {
    return body(
        HttpStatus.CONFLICT,
        "not-callable",
        List.of(FieldProblem.of("elderId", "elder.notCallable")));
  }

  /** No PBX connected or every channel busy: nothing was written or dialled. */
  @ExceptionHandler(TestCalls.NoLineException.class)
  ResponseEntity<ErrorBody> noLine(TestCalls.NoLineException e) {
    return body(
        HttpStatus.SERVICE_UNAVAILABLE,
        "no-line",
        List.of(FieldProblem.of("elderId", "call.noLine")));
  }

  /** "Run now" while the retention job runs: nothing was started twice. */
  @ExceptionHandler(org.tanfang.retention.Retention.AlreadyRunning.class)
  ResponseEntity<ErrorBody> retentionRunning(org.tanfang.retention.Retention.AlreadyRunning e) {
    return body(
        HttpStatus.CONFLICT,
        "conflict",
        List.of(FieldProblem.of("retention", "retention.running")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "invalid",
        List.of(FieldProblem.of(e.getName(), "param.type", String.valueOf(e.getValue()))));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ErrorBody> missing(MissingServletRequestParameterException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "invalid",
        List.of(FieldProblem.of(e.getParameterName(), "required")));
  }

  /**
   * A body that is not JSON, or whose values have the wrong types: every such field at once, named
   * as the API names it, never a Java class ({@link JsonTypeCheck}).
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ErrorBody> unreadable(
      HttpMessageNotReadableException e,
      jakarta.servlet.http.HttpServletRequest request,
      org.springframework.web.method.HandlerMethod handler) {
    log.debug("Unreadable request body", e);
    List<FieldProblem> problems = List.of();
    Object tree = request.getAttribute(RequestLimits.JSON_BODY);
    Class<?> target = bodyType(handler);
    if (tree instanceof tools.jackson.databind.JsonNode node && target != null) {
      problems = JsonTypeCheck.problems(node, target);
    }
    if (problems.isEmpty()) {
      return body(
          HttpStatus.BAD_REQUEST,
          "unreadable",
          List.of(FieldProblem.of("body", tree == null ? "body.unreadable" : "body.unexpected")));
    }
    return body(HttpStatus.BAD_REQUEST, "invalid", problems);
  }

  private static Class<?> bodyType(org.springframework.web.method.HandlerMethod handler) {
    if (handler == null) {
      return null;
    }
    for (var p : handler.getMethodParameters()) {
      if (p.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)) {
        return p.getParameterType();
      }
    }
    return null;
  }

  /** Content type the endpoint does not read (text/plain to a JSON endpoint). */
  @ExceptionHandler(org.springframework.web.HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ErrorBody> mediaType(
      org.springframework.web.HttpMediaTypeNotSupportedException e) {
    return body(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        List.of(
            FieldProblem.of(
                "body",
                "body.mediaTypeUse",
                String.valueOf(e.getContentType()),
                e.getSupportedMediaTypes().stream()
                    .map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")))));
  }

  /** A file endpoint sent something that is not a multipart upload. */
  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ResponseEntity<ErrorBody> notMultipart(
      org.springframework.web.multipart.MultipartException e,
      jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response)
      throws java.io.IOException {
    if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      response.sendError(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
      return null;
    }
    return body(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        List.of(
            FieldProblem.of(
                "body",
                "body.mediaTypeUse",
                String.valueOf(request.getContentType()),
                "multipart/form-data")));
  }

  /** Anything else: 500 in the same format, the cause in the log only. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ErrorBody> failed(Exception e, jakarta.servlet.http.HttpServletRequest request)
      throws Exception {
    boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    if (!api
        || e instanceof org.springframework.web.ErrorResponse
        || e instanceof org.springframework.security.access.AccessDeniedException
        || e instanceof org.springframework.security.core.AuthenticationException) {
      // Pages get the error page; Spring's own statuses (404, 405, …) and Spring Security's go
      // their usual way; all end in ErrorResponses.
      throw e;
    }
    log.error("Request failed", e);
    return body(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "failed",
        List.of(FieldProblem.of("request", "http.failed")));
  }

  @ExceptionHandler(OptimisticLockingFailureException.class)
  ResponseEntity<ErrorBody> conflict(OptimisticLockingFailureException e) {
    return body(
        HttpStatus.CONFLICT, "conflict", List.of(FieldProblem.of("version", "version.conflict")));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ErrorBody> tooLarge(MaxUploadSizeExceededException e) {
    return body(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "too-large",
        List.of(FieldProblem.of("file", "file.tooLarge")));
  }

  private ResponseEntity<ErrorBody> body(
      HttpStatus status, String error, List<FieldProblem> problems) {
    return body(messages, status, error, problems);
  }

  /** The one error format, also for {@link ErrorResponses}. */
  static ResponseEntity<ErrorBody> body(
      ProblemMessages messages, HttpStatus status, String error, List<FieldProblem> problems) {
    List<ApiError> errors =
        problems.stream().map(p -> new ApiError(p.field(), p.rule(), messages.both(p))).toList();
    return ResponseEntity.status(status)
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(new ErrorBody(status.value(), error, errors));
  }
}
