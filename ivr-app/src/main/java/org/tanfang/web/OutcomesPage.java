package org.tanfang.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import org.tanfang.callflow.Intent;
import org.tanfang.callflow.RecentCalls;
import org.tanfang.outcomes.InvalidFilterException;
import org.tanfang.outcomes.LogOutcome;
import org.tanfang.outcomes.OutcomeFilter;
import org.tanfang.outcomes.OutcomeLog;
import org.tanfang.outcomes.OutcomeParams;
import org.tanfang.outcomes.VisitKind;
import org.tanfang.outcomes.VisitPurpose;
import org.tanfang.registry.ElderSearch;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Caller;
import org.tanfang.security.Callers;

/**
 * The outcome log page for supervisors: filters in the URL (a plain GET form), a page of visits,
 * links to the exports of the same filters, and each visit's calls on demand.
 */
@Controller
class OutcomesPage {
  static final int PAGE_SIZE = 50;
  private final OutcomeLog log;
  private final RecentCalls calls;
  private final ElderSearch elders;
  private final RegistryProperties registry;
  private final ProblemMessages problems;
  private final AuditLog audit;
  private final Callers callers;
  private final Clock clock;

  OutcomesPage(
      OutcomeLog log,
      RecentCalls calls,
      ElderSearch elders,
      RegistryProperties registry,
      ProblemMessages problems,
      AuditLog audit,
      Callers callers,
      Clock clock) {
    this.callers = callers;
    this.log = log;
    this.calls = calls;
    this.elders = elders;
    this.registry = registry;
    this.problems = problems;
    this.audit = audit;
    this.clock = clock;
  }

  /** Bad filters answer 400 with the form and what is wrong with it, in the page's language. */
  @GetMapping("/outcomes")
  String page(
      OutcomeParams params,
      @RequestParam(defaultValue = "0") int page,
      Locale locale,
      Model model,
      HttpServletResponse response,
      Authentication auth) {
    var scope = callers.of(auth).scope();
    model.addAttribute("params", params);
    model.addAttribute("districts", Scopes.districts(registry.districts(), scope));
    model.addAttribute("streets", elders.streets(params.district(), scope));
    model.addAttribute("outcomeCodes", LogOutcome.values());
    // The most worrying answer is never a follow-up's (README "Follow-ups from the last visit").
    model.addAttribute(
        "intents",
        Arrays.stream(Intent.values())
            .filter(i -> i != Intent.BETTER && i != Intent.NOT_BETTER && i != Intent.ACKNOWLEDGED)
            .toList());
    model.addAttribute("categories", Category.values());
    model.addAttribute("kinds", VisitKind.values());
    model.addAttribute("purposes", VisitPurpose.values());
    model.addAttribute("zone", clock.getZone());
    try {
      OutcomeFilter filter = OutcomeFilter.of(params, clock).within(scope);
      audit.record("LIST", "visit", null, "outcome log page " + page + " " + filter.describe());
      OutcomeLog.Page result = log.page(filter, page, PAGE_SIZE);
      model.addAttribute("filter", filter);
      model.addAttribute("result", result);
      model.addAttribute("csvUrl", url("/outcomes.csv", filter.asParams(), null));
      model.addAttribute("xlsxUrl", url("/outcomes.xlsx", filter.asParams(), null));
      model.addAttribute("prevUrl", url("/outcomes", filter.asParams(), result.page() - 1));
      model.addAttribute("nextUrl", url("/outcomes", filter.asParams(), result.page() + 1));
    } catch (InvalidFilterException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute(
          "errors", e.problems().stream().map(p -> problems.render(p, locale)).toList());
    }
    return "outcomes";
  }

  /** One visit's calls, opened from its row (numbers masked). */
  @GetMapping("/outcomes/{visitId}/calls")
  String calls(@PathVariable long visitId, Model model, Authentication auth) {
    Caller caller = callers.of(auth);
    if (!calls.visitInScope(visitId, caller)) {
      // a visit of an elder outside the scope is not found, as an elder or case is (ScopeGuard)
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    audit.record("VIEW", "visit", visitId, "calls");
    model.addAttribute("calls", calls.ofVisit(visitId, caller));
    model.addAttribute("zone", clock.getZone());
    return "outcome-calls :: calls";
  }

  private static String url(String path, Map<String, String> filter, Integer page) {
    LinkedMultiValueMap<String, String> query = new LinkedMultiValueMap<>();
    filter.forEach(query::add);
    if (page != null) {
      query.add("page", page.toString());
    }
    return UriComponentsBuilder.fromPath(path).queryParams(query).encode().build().toUriString();
  }
}
