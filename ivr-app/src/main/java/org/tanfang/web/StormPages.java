package org.tanfang.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tanfang.dialer.StormWatch;
import org.tanfang.dialer.Storms;
import org.tanfang.security.AuditLog;

/**
 * The storm banner's "end storm" button (desk and calls page; ADMIN, SUPERVISOR, CSRF): ends the
 * storm for every node, audited as {@code END_STORM}, and goes back to the page it was pressed on
 * with a notice in the reader's language (ended, already over, unknown).
 */
@Controller
class StormPages {
  private final Storms storms;
  private final StormWatch watch;
  private final AuditLog audit;
  private final MessageSource messages;

  StormPages(Storms storms, StormWatch watch, AuditLog audit, MessageSource messages) {
    this.storms = storms;
    this.watch = watch;
    this.audit = audit;
    this.messages = messages;
  }

  @PostMapping("/storms/{id}/end")
  String end(
      @PathVariable long id,
      @RequestParam(defaultValue = "calls") String back,
      Authentication auth,
      Locale locale,
      RedirectAttributes redirect) {
    // Only the two pages with the banner: never a redirect elsewhere.
    String page = "desk".equals(back) ? "/desk" : "/calls";
    var storm = storms.byId(id);
    if (storm.isEmpty()) {
      redirect.addFlashAttribute(
          "stormError", text("storm.end.unknown", locale, String.valueOf(id)));
      return "redirect:" + page;
    }
    if (!watch.end(id, auth.getName())) {
      redirect.addFlashAttribute("stormError", text("storm.end.over", locale, storm.get().pbx()));
      return "redirect:" + page;
    }
    audit.record("END_STORM", "pbx_storm", id, auditDetail(storm.get()));
    redirect.addFlashAttribute("stormNotice", text("storm.end.done", locale, storm.get().pbx()));
    return "redirect:" + page;
  }

  /** The audit entry's detail: the PBX, why the storm started, calls held back. */
  static String auditDetail(Storms.Storm s) {
    return "pbx " + s.pbx() + ": " + s.reason() + ", held back " + s.heldBack();
  }

  private String text(String key, Locale locale, Object arg) {
    return messages.getMessage(key, new Object[] {arg}, key, locale);
  }
}
