package org.tanfang.web;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.tanfang.callflow.PhonePins;
import org.tanfang.registry.ElderDetail;
import org.tanfang.registry.ElderSearch;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.registry.SearchParams;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.security.Caller;
import org.tanfang.security.Callers;

/** The registry pages: a filtered list and one elder's record. */
@Controller
class ElderPages {
  private final ElderSearch search;
  private final ElderService service;
  private final RegistryProperties props;
  private final Callers callers;
  private final PhonePins pins;
  private final Clock clock;

  ElderPages(
      ElderSearch search,
      ElderService service,
      RegistryProperties props,
      Callers callers,
      PhonePins pins,
      Clock clock) {
    this.search = search;
    this.service = service;
    this.props = props;
    this.callers = callers;
    this.pins = pins;
    this.clock = clock;
  }

  @GetMapping("/elders")
  String list(
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "0") int page,
      Model model,
      Authentication auth) {
    ElderSearch.Criteria criteria =
        SearchParams.criteria(district, street, community, category, status, q);
    Caller caller = callers.of(auth);
    model.addAttribute("result", search.search(criteria, page, 25, caller));
    model.addAttribute("criteria", criteria);
    model.addAttribute("districts", Scopes.districts(props.districts(), caller.scope()));
    model.addAttribute("streets", search.streets(district, caller.scope()));
    model.addAttribute("categories", Category.values());
    model.addAttribute("statuses", ElderStatus.values());
    return "elders";
  }

  @GetMapping("/elders/{id}")
  String detail(@PathVariable long id, Model model, Authentication auth) {
    ElderService.Viewed v = service.view(id, callers.of(auth), "page");
    model.addAttribute(
        "elder",
        ElderDetail.of(v.elder(), LocalDate.now(clock), props.advancedAge(), v.disclosure()));
    PhonePins.Status pin = pins.status(id);
    model.addAttribute("pin", pin);
    model.addAttribute("pinLocked", pin.locked(clock.instant()));
    model.addAttribute("zone", clock.getZone());
    return "elder";
  }
}
