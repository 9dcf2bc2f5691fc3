package org.tanfang.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.TextRules;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses hostile requests before any controller sees them, so nothing is half-written: a body over
 * {@code tanfang.web.max-body-size} (413), and any text — every string in a JSON body, every query
 * and form parameter — with a control character (NUL included; line breaks and tabs are allowed) or
 * over the length limit (400, every problem at once). Field rules (invisible characters in names,
 * tighter lengths) are the validators'. The error goes through {@link ErrorResponses}: the one
 * error format for the API, a friendly page for a browser.
 */
@Component
class RequestLimits extends OncePerRequestFilter implements Ordered {
  /** Request attribute: the problems found, for {@link ErrorResponses}. */
  static final String PROBLEMS = RequestLimits.class.getName() + ".problems";

  /** Request attribute: the parsed JSON body, for type errors ({@link ApiErrors}). */
  static final String JSON_BODY = RequestLimits.class.getName() + ".json";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final WebLimits limits;
  private final org.springframework.beans.factory.ObjectProvider<
          org.tanfang.registry.ProblemMessages>
      messages;

  RequestLimits(
      org.springframework.beans.factory.ObjectProvider<WebLimits> limits,
      org.springframework.beans.factory.ObjectProvider<org.tanfang.registry.ProblemMessages>
          messages) {
    this.messages = messages;
    this.limits =
        limits.getIfAvailable(
            () ->
                new WebLimits(org.springframework.util.unit.DataSize.ofMegabytes(1), 10000, 2000));
  }

  /** After Spring Security's filters: who may not call an endpoint learns nothing about it. */
  @Override
  public int getOrder() {
    return 0;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
    boolean multipart = type.startsWith("multipart/");
    long max = limits.maxBodySize().toBytes();
    if (!multipart && request.getContentLengthLong() > max) {
      refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(max));
      return;
    }
    List<FieldProblem> problems = new ArrayList<>();
    try {
      // Query, form and multipart text parameters (a file upload's parts are parsed here, within
      // spring.servlet.multipart.* limits).
      params(request.getParameterMap(), problems);
    } catch (IllegalStateException e) {
      refuse(
          request,
          response,
          HttpStatus.PAYLOAD_TOO_LARGE,
          List.of(FieldProblem.of("file", "file.tooLarge")));
      return;
    }
    HttpServletRequest forward = request;
    if (isJson(type)) {
      byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE));
      if (body.length > max) {
        refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(max));
        return;
      }
      JsonNode tree = parse(body);
      if (tree != null) {
        request.setAttribute(JSON_BODY, tree);
        strings(tree, "", problems);
      }
      forward = new CachedBody(request, body);
    }
    if (!problems.isEmpty()) {
      refuse(request, response, HttpStatus.BAD_REQUEST, problems);
      return;
    }
    chain.doFilter(forward, response);
  }

  private static List<FieldProblem> tooLarge(long max) {
    return List.of(FieldProblem.of("body", "body.tooLarge", max));
  }

  private static boolean isJson(String type) {
    return type.startsWith("application/json") || type.matches("application/[^;]*\\+json.*");
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (RuntimeException e) {
      return null; // the controller answers 400 body.unreadable
    }
  }

  private void params(Map<String, String[]> params, List<FieldProblem> problems) {
    for (var e : params.entrySet()) {
      for (String value : e.getValue()) {
        text(e.getKey(), value, limits.maxParamLength(), problems);
      }
    }
  }

  /** Every string value (and property name) of the body, named by its path. */
  private void strings(JsonNode node, String path, List<FieldProblem> problems) {
    if (node.isString()) {
      text(path.isEmpty() ? "body" : path, node.stringValue(), limits.maxTextLength(), problems);
    } else if (node.isArray()) {
      int i = 0;
      for (JsonNode item : node.values()) {
        strings(item, path + "[" + i++ + "]", problems);
      }
    } else if (node.isObject()) {
      for (var e : node.properties()) {
        String name = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        text(name, e.getKey(), limits.maxParamLength(), problems);
        strings(e.getValue(), name, problems);
      }
    }
  }

  /** Control characters only: invisible formatting characters are refused by the field rules. */
  private static void text(String field, String value, int max, List<FieldProblem> problems) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t') {
        problems.add(FieldProblem.of(field, TextRules.INVISIBLE, TextRules.codePoint(c)));
        return;
      }
    }
    if (value.length() > max) {
      problems.add(FieldProblem.of(field, TextRules.TOO_LONG, max));
    }
  }

  /**
   * A browser's page request gets the error page (through the container's error dispatch to {@link
   * ErrorResponses}); anything else the API's error body, written here.
   */
  private void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      List<FieldProblem> problems)
      throws IOException {
    request.setAttribute(PROBLEMS, List.copyOf(problems));
    String accept = request.getHeader("Accept");
    boolean page =
        !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
            && accept != null
            && accept.contains("text/html");
    org.tanfang.registry.ProblemMessages texts = messages.getIfAvailable();
    if (page || texts == null) {
      response.sendError(status.value());
      return;
    }
    var body = ApiErrors.body(texts, status, ErrorResponses.error(status), problems).getBody();
    response.setStatus(status.value());
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }

  /** The body read once, replayed to the controller. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          try {
            return in.available() == 0;
          } catch (IOException e) {
            return true;
          }
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(
              getInputStream(),
              encoding == null
                  ? StandardCharsets.UTF_8
                  : java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
