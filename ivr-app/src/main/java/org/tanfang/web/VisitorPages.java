package org.tanfang.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tanfang.escalation.EscalationConflictException;
import org.tanfang.escalation.EscalationNotFoundException;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;
import org.tanfang.visitors.HomeVisitForm;
import org.tanfang.visitors.HomeVisitRecords;
import org.tanfang.visitors.VisitorAccounts;
import org.tanfang.visitors.VisitorWork;

/**
 * The visitors' pages ({@code /visit}, role VISITOR), made for a phone: my tasks by due date, my
 * elders, one elder's card, and the home-visit record form (README "Visitors").
 */
@Controller
class VisitorPages {
  private final VisitorAccounts accounts;
  private final VisitorWork work;
  private final HomeVisitRecords records;
  private final ProblemMessages problems;
  private final MessageSource messages;
  private final Clock clock;
  private final org.tanfang.shared.Texts texts;

  VisitorPages(
      VisitorAccounts accounts,
      VisitorWork work,
      HomeVisitRecords records,
      ProblemMessages problems,
      MessageSource messages,
      Clock clock,
      org.tanfang.shared.Texts texts) {
    this.texts = texts;
    this.accounts = accounts;
    this.work = work;
    this.records = records;
    this.problems = problems;
    this.messages = messages;
    this.clock = clock;
  }

  private VisitorWork.Me me(Authentication auth) {
    return new VisitorWork.Me(auth.getName(), accounts.phoneOf(auth.getName()).orElse(null));
  }

  private void common(Model model, VisitorWork.Me me, String tab) {
    model.addAttribute("me", me);
    model.addAttribute("tab", tab);
    model.addAttribute("zone", clock.getZone());
    model.addAttribute("now", clock.instant());
  }

  @GetMapping("/visit")
  String tasks(Authentication auth, Model model, Locale locale) {
    VisitorWork.Me me = me(auth);
    common(model, me, "tasks");
    model.addAttribute("tasks", work.tasks(me, clock.instant(), locale));
    return "visit-tasks";
  }

  @GetMapping("/visit/elders")
  String elders(Authentication auth, Model model) {
    VisitorWork.Me me = me(auth);
    common(model, me, "elders");
    model.addAttribute("elders", work.elders(me));
    return "visit-elders";
  }

  @GetMapping("/visit/elders/{id}")
  String elder(@PathVariable long id, Authentication auth, Model model, Locale locale) {
    VisitorWork.Me me = me(auth);
    common(model, me, "elders");
    VisitorWork.Card card =
        work.card(me, id, clock.instant(), locale)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("card", card);
    if (card.cycle() != null && card.cycle().homeBecause() != null) {
      var why = card.cycle().homeBecause();
      model.addAttribute(
          "homeBecause",
          texts.render(org.tanfang.shared.Text.stored(why.key(), why.args()), locale));
    }
    return "visit-elder";
  }

  @GetMapping("/visit/tasks/{id}")
  String form(@PathVariable long id, Authentication auth, Model model, Locale locale) {
    VisitorWork.Me me = me(auth);
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", VisitForm.empty());
    }
    return showForm(id, me, model, locale);
  }

  private String showForm(long id, VisitorWork.Me me, Model model, Locale locale) {
    common(model, me, "tasks");
    VisitorWork.Task task =
        work.tasks(me, clock.instant(), locale).stream()
            .filter(t -> t.id() == id)
            .findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("task", task);
    model.addAttribute("areas", ResolveForm.AREAS);
    model.addAttribute("statuses", java.util.List.of("FINE", "CONCERN", "NOT_CHECKED"));
    model.addAttribute("wishes", HomeVisitForm.WISHES);
    model.addAttribute("hazardStates", HomeVisitForm.HAZARD_STATES);
    if (!model.containsAttribute("problems")) {
      model.addAttribute("problems", Map.of());
    }
    return "visit-record";
  }

  @PostMapping("/visit/tasks/{id}")
  String record(
      @PathVariable long id,
      @RequestParam MultiValueMap<String, String> params,
      Authentication auth,
      RedirectAttributes redirect,
      Model model,
      Locale locale) {
    VisitorWork.Me me = me(auth);
    VisitForm form = VisitForm.from(params);
    long elderId =
        records
            .elderOfTask(me, id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    try {
      records.record(me, id, form.toHomeVisit());
    } catch (InvalidInputException e) {
      Map<String, String> byField = new LinkedHashMap<>();
      for (FieldProblem p : e.problems()) {
        byField.merge(p.field(), problems.render(p, locale), (a, b) -> a + "；" + b);
      }
      model.addAttribute("form", form);
      model.addAttribute("problems", byField);
      model.addAttribute("error", text("visit.record.invalid", locale));
      return showForm(id, me, model, locale);
    } catch (EscalationConflictException e) {
      model.addAttribute("form", form);
      model.addAttribute(
          "error", messages.getMessage("rule." + e.rule(), e.args().toArray(), e.rule(), locale));
      return showForm(id, me, model, locale);
    } catch (EscalationNotFoundException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    redirect.addFlashAttribute("notice", text("visit.record.saved", locale));
    redirect.addFlashAttribute("recordedTask", id);
    return "redirect:/visit/elders/" + elderId;
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, key, locale);
  }
}
