package org.tanfang.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.security.AuditLog;
import org.tanfang.security.AuditQueries;
import org.tanfang.security.Caller;
import org.tanfang.security.Callers;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * The audit log for supervisors and administrators, inside their scope: filters who / what / elder
 * / days, 50 a page, CSV export (itself audited).
 */
@Controller
class AuditPages {
  static final int PAGE_SIZE = 50;
  private final AuditQueries queries;
  private final AuditLog audit;
  private final Callers callers;
  private final ProblemMessages problems;
  private final Clock clock;
  private final RetentionPages retention;

  AuditPages(
      AuditQueries queries,
      AuditLog audit,
      Callers callers,
      ProblemMessages problems,
      Clock clock,
      RetentionPages retention) {
    this.queries = queries;
    this.audit = audit;
    this.callers = callers;
    this.problems = problems;
    this.clock = clock;
    this.retention = retention;
  }

  @GetMapping("/audit")
  String page(
      @RequestParam(required = false) String who,
      @RequestParam(required = false) String what,
      @RequestParam(required = false) String elder,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") int page,
      Authentication auth,
      Model model,
      Locale locale,
      HttpServletResponse response) {
    model.addAttribute("who", who);
    model.addAttribute("what", what);
    model.addAttribute("elder", elder);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("zone", clock.getZone());
    if (retention.mayRun(auth)) {
      model.addAttribute("retention", retention.status());
    }
    try {
      AuditQueries.Filter f = filter(who, what, elder, from, to);
      AuditQueries.Page result = queries.page(f, page, PAGE_SIZE, callers.of(auth));
      model.addAttribute("result", result);
      model.addAttribute("csvUrl", url("/audit.csv", who, what, elder, from, to, null));
      model.addAttribute("prevUrl", url("/audit", who, what, elder, from, to, result.page() - 1));
      model.addAttribute("nextUrl", url("/audit", who, what, elder, from, to, result.page() + 1));
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute(
          "errors", e.problems().stream().map(p -> problems.render(p, locale)).toList());
    }
    return "audit";
  }

  @GetMapping("/api/audit")
  @ResponseBody
  AuditQueries.Page api(
      @RequestParam(required = false) String who,
      @RequestParam(required = false) String what,
      @RequestParam(required = false) String elder,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      Authentication auth) {
    return queries.page(filter(who, what, elder, from, to), page, size, callers.of(auth));
  }

  @GetMapping({"/audit.csv", "/api/audit.csv"})
  void csv(
      @RequestParam(required = false) String who,
      @RequestParam(required = false) String what,
      @RequestParam(required = false) String elder,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      Authentication auth,
      HttpServletResponse response)
      throws IOException {
    AuditQueries.Filter f = filter(who, what, elder, from, to);
    Caller caller = callers.of(auth);
    audit.record("EXPORT", "audit_event", null, "audit log csv " + f.describe());
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment()
            .filename("audit_" + LocalDate.now(clock) + ".csv", StandardCharsets.UTF_8)
            .build()
            .toString());
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    out.write('\ufeff');
    out.write("id,at,username,action,subject_type,subject_id,detail,purpose\r\n");
    queries.forEach(
        f,
        caller,
        e -> {
          try {
            out.write(
                String.join(
                        ",",
                        String.valueOf(e.id()),
                        e.at().atZone(clock.getZone()).toOffsetDateTime().toString(),
                        csv(e.username()),
                        csv(e.action()),
                        csv(e.subjectType()),
                        csv(e.subjectId()),
                        csv(e.detail()),
                        csv(e.purpose()))
                    + "\r\n");
          } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
          }
        });
    out.flush();
  }

  static AuditQueries.Filter filter(String who, String what, String elder, String from, String to) {
    List<FieldProblem> bad = new ArrayList<>();
    Long elderId = null;
    if (elder != null && !elder.isBlank()) {
      try {
        elderId = Long.parseLong(elder.strip());
      } catch (NumberFormatException e) {
        bad.add(FieldProblem.of("elder", "param.type", elder));
      }
    }
    LocalDate f = date("from", from, bad);
    LocalDate t = date("to", to, bad);
    if (f != null && t != null && f.isAfter(t)) {
      bad.add(FieldProblem.of("to", "range.order", t, f));
    }
    if (!bad.isEmpty()) {
      throw new InvalidInputException("Audit filter", bad);
    }
    return new AuditQueries.Filter(who, what, elderId, f, t);
  }

  private static LocalDate date(String field, String raw, List<FieldProblem> bad) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(raw.strip());
    } catch (DateTimeParseException e) {
      bad.add(FieldProblem.of(field, "date.invalid", raw));
      return null;
    }
  }

  private static String csv(String s) {
    if (s == null) {
      return "";
    }
    String safe =
        s.startsWith("=") || s.startsWith("+") || s.startsWith("-") || s.startsWith("@")
            ? "'" + s
            : s;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  private static String url(
      String path, String who, String what, String elder, String from, String to, Integer page) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
    for (String[] p :
        new String[][] {
          {"who", who}, {"what", what}, {"elder", elder}, {"from", from}, {"to", to}
        }) {
      if (p[1] != null && !p[1].isBlank()) {
        b.queryParam(p[0], p[1]);
      }
    }
    if (page != null) {
      b.queryParam("page", page);
    }
    return b.encode().build().toUriString();
  }
}
