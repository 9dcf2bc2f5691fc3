package org.tanfang.web;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.tanfang.dialer.Storms;

/** The storm banner's data on the desk and the calls page: which PBX is degraded, since when. */
@ControllerAdvice(assignableTypes = {CallsPage.class, DeskPage.class})
class StormBanner {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  record OpenStorm(long id, String pbx, String since, int heldBack, String cause) {}

  private final ObjectProvider<Storms> storms;
  private final ObjectProvider<Clock> clock;

  /** Providers: a web slice test (no database) has neither, and shows no banner. */
  StormBanner(ObjectProvider<Storms> storms, ObjectProvider<Clock> clock) {
    this.storms = storms;
    this.clock = clock;
  }

  @ModelAttribute("openStorms")
  List<OpenStorm> openStorms() {
    Storms log = storms.getIfAvailable();
    Clock zone = clock.getIfAvailable();
    if (log == null || zone == null) {
      return List.of();
    }
    return log.open().stream()
        .map(
            s ->
                new OpenStorm(
                    s.id(),
                    s.pbx(),
                    LOCAL.format(s.startedAt().atZone(zone.getZone())),
                    s.heldBack(),
                    s.cause().name()))
        .toList();
  }
}
