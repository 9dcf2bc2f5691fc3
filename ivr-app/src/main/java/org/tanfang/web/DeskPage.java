package org.tanfang.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tanfang.callflow.PhonePins;
import org.tanfang.escalation.CallBack;
import org.tanfang.escalation.EscalationConflictException;
import org.tanfang.escalation.EscalationQueries;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.Level;
import org.tanfang.escalation.Outcome;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.security.Callers;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * The staff desk: the live queue ({@code /desk}, refreshed by server-sent events) and one case
 * ({@code /desk/{id}}) with its actions, each a plain form posted and redirected back
 * (POST-redirect-GET); a rejected resolution shows the page again with the errors beside the fields
 * and everything typed kept.
 */
@Controller
class DeskPage {
  private final DeskCases desk;
  private final EscalationQueries queries;
  private final Escalations escalations;
  private final ObjectProvider<CallBack> callBack;
  private final DeskProperties props;
  private final ProblemMessages problems;
  private final MessageSource messages;
  private final Callers callers;
  private final PhonePins pins;
  private final Clock clock;

  DeskPage(
      DeskCases desk,
      EscalationQueries queries,
      Escalations escalations,
      ObjectProvider<CallBack> callBack,
      DeskProperties props,
      ProblemMessages problems,
      MessageSource messages,
      Callers callers,
      PhonePins pins,
      Clock clock) {
    this.callers = callers;
    this.desk = desk;
    this.queries = queries;
    this.escalations = escalations;
    this.callBack = callBack;
    this.props = props;
    this.problems = problems;
    this.messages = messages;
    this.pins = pins;
    this.clock = clock;
  }

  @GetMapping("/desk")
  String page(
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String level,
      @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(required = false) String view,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String visitor,
      @RequestParam(defaultValue = "false") boolean overdue,
      Authentication auth,
      Model model) {
    fillQueue(model, type, district, level, mine, view, street, visitor, overdue, auth);
    model.addAttribute("views", EscalationQueries.View.values());
    model.addAttribute("types", EscalationType.values());
    model.addAttribute("levels", Level.values());
    model.addAttribute(
        "districts", Scopes.districts(queries.districts(), callers.of(auth).scope()));
    return "desk";
  }

  /** The queue table alone: fetched again by the page on every event. */
  @GetMapping("/desk/queue")
  String queue(
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String level,
      @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(required = false) String view,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String visitor,
      @RequestParam(defaultValue = "false") boolean overdue,
      Authentication auth,
      Model model) {
    fillQueue(model, type, district, level, mine, view, street, visitor, overdue, auth);
    return "desk :: queue";
  }

  @GetMapping("/desk/{id}")
  String detail(@PathVariable long id, Authentication auth, Model model) {
    fillCase(id, auth, model);
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", ResolveForm.empty());
    }
    return "desk-case";
  }

  @PostMapping("/desk/{id}/claim")
  String claim(@PathVariable long id, Authentication auth, RedirectAttributes redirect, Locale l) {
    act(redirect, l, "desk.claimed", () -> escalations.claim(id, DeskCases.actor(auth)));
    return "redirect:/desk/" + id;
  }

  @PostMapping("/desk/{id}/notes")
  String note(
      @PathVariable long id,
      @RequestParam(required = false) String text,
      Authentication auth,
      RedirectAttributes redirect,
      Locale locale) {
    if (!act(
        redirect, locale, "desk.noted", () -> escalations.note(id, DeskCases.actor(auth), text))) {
      redirect.addFlashAttribute("noteText", text);
    }
    return "redirect:/desk/" + id;
  }

  @PostMapping("/desk/{id}/reassign")
  String reassign(
      @PathVariable long id,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String reason,
      Authentication auth,
      RedirectAttributes redirect,
      Locale locale) {
    act(
        redirect,
        locale,
        "desk.reassigned",
        () -> escalations.reassign(id, DeskCases.actor(auth), to, reason));
    return "redirect:/desk/" + id;
  }

  @PostMapping("/desk/{id}/call-back")
  String callBack(
      @PathVariable long id, Authentication auth, RedirectAttributes redirect, Locale locale) {
    CallBack calls = callBack.getIfAvailable();
    if (calls == null) {
      redirect.addFlashAttribute("error", text("desk.callBack.unavailable", locale));
      return "redirect:/desk/" + id;
    }
    act(redirect, locale, "desk.callBack.placed", () -> calls.callBack(id, auth.getName(), null));
    return "redirect:/desk/" + id;
  }

  @PostMapping("/desk/{id}/resolve")
  String resolve(
      @PathVariable long id,
      @RequestParam MultiValueMap<String, String> params,
      Authentication auth,
      RedirectAttributes redirect,
      Model model,
      Locale locale) {
    ResolveForm form = ResolveForm.from(params);
    try {
      escalations.resolve(id, DeskCases.actor(auth), form.resolution());
    } catch (InvalidInputException e) {
      Map<String, String> byField = new LinkedHashMap<>();
      for (FieldProblem p : e.problems()) {
        byField.merge(p.field(), problems.render(p, locale), (a, b) -> a + "；" + b);
      }
      model.addAttribute("form", form);
      model.addAttribute("problems", byField);
      fillCase(id, auth, model);
      return "desk-case";
    } catch (EscalationConflictException e) {
      redirect.addFlashAttribute("error", conflict(e, locale));
      return "redirect:/desk/" + id;
    }
    redirect.addFlashAttribute("notice", text("desk.resolved", locale));
    return "redirect:/desk";
  }

  private boolean act(RedirectAttributes redirect, Locale locale, String done, Runnable action) {
    try {
      action.run();
      redirect.addFlashAttribute("notice", text(done, locale));
      return true;
    } catch (EscalationConflictException e) {
      redirect.addFlashAttribute("error", conflict(e, locale));
    } catch (InvalidInputException e) {
      redirect.addFlashAttribute(
          "error",
          String.join("；", e.problems().stream().map(p -> problems.render(p, locale)).toList()));
    }
    return false;
  }

  private void fillQueue(
      Model model,
      String type,
      String district,
      String level,
      boolean mine,
      String view,
      String street,
      String visitor,
      boolean overdue,
      Authentication auth) {
    EscalationQueries.Filter filter =
        new EscalationQueries.Filter(
            parse(EscalationQueries.View.class, view, EscalationQueries.View.OPEN),
            parse(EscalationType.class, type, null),
            district == null || district.isBlank() ? null : district.strip(),
            parse(Level.class, level, null),
            mine,
            auth.getName(),
            street == null || street.isBlank() ? null : street.strip(),
            visitor == null || visitor.isBlank() ? null : visitor.strip(),
            overdue ? clock.instant() : null);
    model.addAttribute("filter", filter);
    model.addAttribute("rows", desk.queue(filter, props.queueSize(), auth));
    model.addAttribute("serverNow", clock.instant());
    model.addAttribute("zone", clock.getZone());
  }

  private void fillCase(long id, Authentication auth, Model model) {
    var view = desk.view(id, auth);
    model.addAttribute("c", view);
    // the phone PIN locked by wrong entries on the line: the desk sees it (unlocking is on the
    // elder page)
    // (an unidentified caller's DISTRESS case has no elder, hence no PIN)
    PhonePins.Status pin = view.elder() == null ? null : pins.status(view.elder().id());
    model.addAttribute(
        "pinLockedUntil", pin != null && pin.locked(clock.instant()) ? pin.lockedUntil() : null);
    model.addAttribute("users", queries.users());
    model.addAttribute("outcomes", Outcome.values());
    model.addAttribute("areas", ResolveForm.AREAS);
    model.addAttribute("statuses", List.of("FINE", "CONCERN", "NOT_CHECKED"));
    model.addAttribute("supervisor", DeskCases.supervisor(auth));
    model.addAttribute("callBackAvailable", callBack.getIfAvailable() != null);
    model.addAttribute("serverNow", clock.instant());
    model.addAttribute("zone", clock.getZone());
    if (!model.containsAttribute("problems")) {
      model.addAttribute("problems", Map.of());
    }
  }

  private String conflict(EscalationConflictException e, Locale locale) {
    return messages.getMessage("rule." + e.rule(), e.args().toArray(), e.rule(), locale);
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, key, locale);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }
}
