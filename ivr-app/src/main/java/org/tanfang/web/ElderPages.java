package org.tanfang.web;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.tanfang.registry.ElderDetail;
import org.tanfang.registry.ElderSearch;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.registry.SearchParams;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.ElderStatus;

/** The registry pages: a filtered list and one elder's record. */
@Controller
class ElderPages {
  private final ElderSearch search;
  private final ElderService service;
  private final RegistryProperties props;
  private final Clock clock;

  ElderPages(ElderSearch search, ElderService service, RegistryProperties props, Clock clock) {
    this.search = search;
    this.service = service;
    this.props = props;
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
      Model model) {
    ElderSearch.Criteria criteria =
        SearchParams.criteria(district, street, community, category, status, q);
    model.addAttribute("result", search.search(criteria, page, 25));
    model.addAttribute("criteria", criteria);
    model.addAttribute("districts", props.districts());
    model.addAttribute("streets", search.streets(district));
    model.addAttribute("categories", Category.values());
    model.addAttribute("statuses", ElderStatus.values());
    return "elders";
  }

  @GetMapping("/elders/{id}")
  String detail(@PathVariable long id, Model model, Authentication auth) {
    boolean showIdNumber =
        auth.getAuthorities().stream()
            .anyMatch(
                a ->
                    a.getAuthority().equals("ROLE_ADMIN")
                        || a.getAuthority().equals("ROLE_SUPERVISOR"));
    model.addAttribute(
        "elder",
        ElderDetail.of(service.view(id), LocalDate.now(clock), props.advancedAge(), showIdNumber));
    return "elder";
  }
}
