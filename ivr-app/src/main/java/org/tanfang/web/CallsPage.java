package org.tanfang.web;

import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tanfang.callflow.InboundCallRows;
import org.tanfang.callflow.RecentCalls;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.registry.ElderService;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Caller;
import org.tanfang.security.Callers;

/** The recent-calls page (refreshing itself) and the "place a test call" button of an elder. */
@Controller
class CallsPage {
  static final int SHOWN = 50;
  private final RecentCalls recent;
  private final InboundCallRows inbound;
  private final TestCalls testCalls;
  private final Dialer dialer;
  private final AuditLog audit;
  private final ElderService elders;
  private final Callers callers;
  private final Clock clock;

  CallsPage(
      RecentCalls recent,
      InboundCallRows inbound,
      TestCalls testCalls,
      Dialer dialer,
      AuditLog audit,
      ElderService elders,
      Callers callers,
      Clock clock) {
    this.recent = recent;
    this.inbound = inbound;
    this.testCalls = testCalls;
    this.dialer = dialer;
    this.audit = audit;
    this.elders = elders;
    this.callers = callers;
    this.clock = clock;
  }

  @GetMapping("/calls")
  String page(Model model, Authentication auth) {
    fill(model, callers.of(auth));
    return "calls";
  }

  /** The table alone, polled by the page every few seconds. */
  @GetMapping("/calls/table")
  String table(Model model, Authentication auth) {
    fill(model, callers.of(auth));
    return "calls :: table";
  }

  @PostMapping("/elders/{id}/test-call")
  String testCall(@PathVariable long id, RedirectAttributes redirect, Authentication auth) {
    elders.getInScope(id, callers.of(auth));
    try {
      var placed = testCalls.place(id, TestCalls.Origin.STAFF);
      redirect.addFlashAttribute("placed", placed);
    } catch (TestCalls.NotCallableException e) {
      redirect.addFlashAttribute("notCallable", true);
      return "redirect:/elders/" + id;
    } catch (TestCalls.NoLineException e) {
      redirect.addFlashAttribute("noLine", true);
      return "redirect:/elders/" + id;
    }
    return "redirect:/calls";
  }

  private void fill(Model model, Caller caller) {
    model.addAttribute("calls", recent.latest(SHOWN, caller));
    model.addAttribute("outcomes", recent.outcomes(200, caller));
    model.addAttribute("inbound", inbound.latest(SHOWN, caller));
    model.addAttribute("freeChannels", dialer.freeChannels());
    model.addAttribute("zone", clock.getZone());
    audit.record("LIST", "call_attempt", null, "recent calls");
    audit.record("LIST", "inbound_call", null, "recent calls into the line");
  }
}
