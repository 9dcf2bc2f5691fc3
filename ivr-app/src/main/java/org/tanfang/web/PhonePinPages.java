package org.tanfang.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tanfang.callflow.PhonePins;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.security.Callers;
import org.tanfang.shared.InvalidInputException;

/**
 * The elder page's phone PIN card: set or reset the PIN the line asks of a caller from an unknown
 * or withheld number, and lift a lock. The PIN is never shown back; both actions are audited.
 */
@Controller
class PhonePinPages {
  private final PhonePins pins;
  private final ElderService elders;
  private final Callers callers;
  private final ProblemMessages problems;
  private final MessageSource messages;

  PhonePinPages(
      PhonePins pins,
      ElderService elders,
      Callers callers,
      ProblemMessages problems,
      MessageSource messages) {
    this.pins = pins;
    this.elders = elders;
    this.callers = callers;
    this.problems = problems;
    this.messages = messages;
  }

  @PostMapping("/elders/{id}/phone-pin")
  String set(
      @PathVariable long id,
      @RequestParam(required = false) String pin,
      @RequestParam(required = false) String confirm,
      Authentication auth,
      RedirectAttributes redirect,
      Locale locale) {
    elders.getInScope(id, callers.of(auth));
    try {
      pins.set(id, pin, confirm);
      redirect.addFlashAttribute("pinNotice", messages.getMessage("elder.pin.saved", null, locale));
    } catch (InvalidInputException e) {
      redirect.addFlashAttribute(
          "pinErrors", e.problems().stream().map(p -> problems.render(p, locale)).toList());
    }
    return "redirect:/elders/" + id + "#phone-pin";
  }

  @PostMapping("/elders/{id}/phone-pin/unlock")
  String unlock(
      @PathVariable long id, Authentication auth, RedirectAttributes redirect, Locale locale) {
    elders.getInScope(id, callers.of(auth));
    pins.unlock(id);
    redirect.addFlashAttribute(
        "pinNotice", messages.getMessage("elder.pin.unlocked", null, locale));
    return "redirect:/elders/" + id + "#phone-pin";
  }
}
