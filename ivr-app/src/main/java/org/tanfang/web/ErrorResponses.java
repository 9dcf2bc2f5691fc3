package org.tanfang.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.shared.FieldProblem;

/**
 * Every error that leaves a controller without {@link ApiErrors} — no such address, method or
 * content type, forbidden, too large, refused by {@link RequestLimits}, a failure — in the one
 * format: the API's error body for programs, a page in the user's language for a browser (zh-CN by
 * default). Replaces Spring Boot's Whitelabel page and its default error JSON.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorResponses implements ErrorController {
  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
  private final ProblemMessages messages;

  ErrorResponses(ProblemMessages messages) {
    this.messages = messages;
  }

  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  String page(HttpServletRequest request, Model model, Locale locale) {
    HttpStatus status = status(request);
    model.addAttribute("status", status.value());
    model.addAttribute("kind", kind(status));
    model.addAttribute(
        "problems",
        explicitProblems(request).stream().map(p -> messages.render(p, locale)).toList());
    return "error-page";
  }

  @RequestMapping
  ResponseEntity<ApiErrors.ErrorBody> body(HttpServletRequest request) {
    HttpStatus status = status(request);
    List<FieldProblem> problems = explicitProblems(request);
    if (problems.isEmpty()) {
      problems = List.of(defaultProblem(status, request));
    }
    return ApiErrors.body(messages, status, error(status), problems);
  }

  private HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer i ? HttpStatus.resolve(i) : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    if (status.is5xxServerError()
        && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
      log.error("Request {} failed", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), t);
    }
    return status;
  }

  @SuppressWarnings("unchecked")
  private static List<FieldProblem> explicitProblems(HttpServletRequest request) {
    Object problems = request.getAttribute(RequestLimits.PROBLEMS);
    return problems instanceof List<?> list ? (List<FieldProblem>) list : List.of();
  }

  /** The page's texts: {@code error.title.<kind>}, {@code error.text.<kind>}. */
  static String kind(HttpStatus status) {
    return switch (status.value()) {
      case 403, 401 -> "forbidden";
      case 404, 405 -> "notFound";
      case 413 -> "tooLarge";
      case 400, 415, 406 -> "invalid";
      default -> status.is4xxClientError() ? "invalid" : "failed";
    };
  }

  /** The error body's {@code error}: what the API has always said for these. */
  static String error(HttpStatus status) {
    return switch (status.value()) {
      case 400 -> "invalid";
      case 404 -> "not-found";
      case 413 -> "too-large";
      case 415 -> "unsupported-media-type";
      case 405 -> "method-not-allowed";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      default -> status.is4xxClientError() ? "invalid" : "failed";
    };
  }

  private static FieldProblem defaultProblem(HttpStatus status, HttpServletRequest request) {
    return switch (status.value()) {
      case 404 -> FieldProblem.of("path", "http.notFound");
      case 405 -> FieldProblem.of("method", "http.methodNotAllowed");
      case 415 -> FieldProblem.of("body", "body.mediaType");
      case 413 -> FieldProblem.of("body", "body.tooLargeUpload");
      case 401 -> FieldProblem.of("request", "http.unauthorized");
      case 403 -> FieldProblem.of("request", "http.forbidden");
      default ->
          status.is4xxClientError()
              ? FieldProblem.of("request", "http.badRequest")
              : FieldProblem.of("request", "http.failed");
    };
  }
}
