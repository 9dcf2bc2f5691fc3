package org.tanfang.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tanfang.retention.Retention;
import org.tanfang.retention.RetentionProperties;
import org.tanfang.security.Caller;
import org.tanfang.security.Callers;
import org.tanfang.security.Role;
import org.tanfang.speech.SpeechProperties;

/**
 * The retention job for administrators: its periods and last run (also shown on the audit page),
 * and "run now" — audited like every run, by the administrator who asked.
 */
@Controller
class RetentionPages {
  static final String RUN_NOW = "run now by an administrator";

  private final Retention retention;
  private final SpeechProperties speech;
  private final RetentionProperties props;
  private final MessageSource messages;
  private final Callers callers;

  RetentionPages(
      Retention retention,
      SpeechProperties speech,
      RetentionProperties props,
      MessageSource messages,
      Callers callers) {
    this.retention = retention;
    this.speech = speech;
    this.props = props;
    this.messages = messages;
    this.callers = callers;
  }

  /**
   * The job works on the whole city and its counts are the city's: for administrators at city level
   * only (a scoped administrator gets 403, and no counts on the audit page).
   */
  boolean mayRun(Authentication auth) {
    Caller caller = callers.of(auth);
    return caller.is(Role.ADMIN) && caller.scope().isCity();
  }

  private void requireCityAdmin(Authentication auth) {
    if (!mayRun(auth)) {
      throw new org.springframework.security.access.AccessDeniedException("retention: city admin");
    }
  }

  /** The periods and the last run. */
  record Status(
      Duration recordings,
      Duration transcripts,
      Duration departedAudio,
      String cron,
      Optional<Retention.LastRun> lastRun) {}

  Status status() {
    return new Status(
        speech.recordingRetention(),
        props.transcripts(),
        props.departedAudio(),
        props.cron(),
        retention.lastRun());
  }

  @GetMapping("/api/security/retention")
  @ResponseBody
  Status api(Authentication auth) {
    requireCityAdmin(auth);
    return status();
  }

  /** Runs now; 409 (both languages) while a run is going on. */
  @PostMapping("/api/security/retention/run")
  @ResponseBody
  Retention.Result runApi(Authentication auth) {
    requireCityAdmin(auth);
    return retention.run(auth.getName(), RUN_NOW);
  }

  @PostMapping("/audit/retention")
  String runPage(Authentication auth, RedirectAttributes redirect, Locale locale) {
    requireCityAdmin(auth);
    try {
      Retention.Result r = retention.run(auth.getName(), RUN_NOW);
      redirect.addFlashAttribute(
          "retentionNotice",
          messages.getMessage(
              "retention.done",
              new Object[] {
                r.recordings(),
                r.departed(),
                r.transcripts(),
                r.orphans(),
                r.missing(),
                r.failed(),
                r.keptOpenCase()
              },
              locale));
    } catch (Retention.AlreadyRunning e) {
      redirect.addFlashAttribute(
          "retentionError", messages.getMessage("rule.retention.running", null, locale));
    }
    return "redirect:/audit";
  }
}
