package org.tanfang.web;

import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tanfang.callflow.RecentCalls;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.security.AuditLog;

/** The recent-calls page (refreshing itself) and the "place a test call" button of an elder. */
@Controller
class CallsPage {
  static final int SHOWN = 50;
  private final RecentCalls recent;
  private final TestCalls testCalls;
  private final Dialer dialer;
  private final AuditLog audit;
  private final Clock clock;

  CallsPage(RecentCalls recent, TestCalls testCalls, Dialer dialer, AuditLog audit, Clock clock) {
    this.recent = recent;
    this.testCalls = testCalls;
    this.dialer = dialer;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping("/calls")
  String page(Model model) {
    fill(model);
    return "calls";
  }

  /** The table alone, polled by the page every few seconds. */
  @GetMapping("/calls/table")
  String table(Model model) {
    fill(model);
    return "calls :: table";
  }

  @PostMapping("/elders/{id}/test-call")
  String testCall(@PathVariable long id, RedirectAttributes redirect) {
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

  private void fill(Model model) {
    model.addAttribute("calls", recent.latest(SHOWN));
    model.addAttribute("outcomes", recent.outcomes(200));
    model.addAttribute("freeChannels", dialer.freeChannels());
    model.addAttribute("zone", clock.getZone());
    audit.record("LIST", "call_attempt", null, "recent calls");
  }
}
