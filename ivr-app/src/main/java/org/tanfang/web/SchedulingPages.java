package org.tanfang.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tanfang.registry.ElderNotFoundException;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.scheduler.alert.AlertKind;
import org.tanfang.scheduling.AlertRequest;
import org.tanfang.scheduling.Coverage;
import org.tanfang.scheduling.ElderCycle;
import org.tanfang.scheduling.InvalidRequestException;
import org.tanfang.scheduling.SpecialRounds;

/** The coverage page, the special-rounds page and the elder page's cycle card. */
@Controller
class SchedulingPages {
  private final Coverage coverage;
  private final SpecialRounds rounds;
  private final ElderCycle cycles;
  private final RegistryProperties registry;
  private final ProblemMessages problems;
  private final Clock clock;
  private final org.tanfang.shared.Texts texts;

  SchedulingPages(
      Coverage coverage,
      SpecialRounds rounds,
      ElderCycle cycles,
      RegistryProperties registry,
      ProblemMessages problems,
      Clock clock,
      org.tanfang.shared.Texts texts) {
    this.texts = texts;
    this.coverage = coverage;
    this.rounds = rounds;
    this.cycles = cycles;
    this.registry = registry;
    this.problems = problems;
    this.clock = clock;
  }

  @GetMapping("/coverage")
  String coverage(
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community,
      Model model) {
    YearMonth ym =
        month == null || month.isBlank()
            ? YearMonth.from(LocalDate.now(clock))
            : SchedulingApi.month(month);
    model.addAttribute(
        "report",
        coverage.month(
            ym,
            SchedulingApi.blankToNull(district),
            SchedulingApi.blankToNull(street),
            SchedulingApi.blankToNull(community)));
    model.addAttribute("month", ym.toString());
    return "coverage";
  }

  @GetMapping("/special-rounds")
  String roundsPage(@RequestParam(required = false) Long declared, Model model) {
    String view = rounds(model);
    if (declared != null) {
      @SuppressWarnings("unchecked")
      List<SpecialRounds.Round> list = (List<SpecialRounds.Round>) model.getAttribute("rounds");
      list.stream()
          .filter(r -> r.id() == declared)
          .findFirst()
          .ifPresent(r -> model.addAttribute("declaredRound", r));
    }
    return view;
  }

  private String rounds(Model model) {
    model.addAttribute("rounds", rounds.list());
    model.addAttribute("kinds", AlertKind.values());
    model.addAttribute("levels", List.of("BLUE", "YELLOW", "ORANGE", "RED"));
    model.addAttribute("districts", registry.districts());
    model.addAttribute("zone", clock.getZone());
    return "special-rounds";
  }

  @PostMapping("/special-rounds")
  String declare(
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) List<String> districts,
      @RequestParam(required = false) LocalDateTime start,
      @RequestParam(required = false) LocalDateTime end,
      @RequestParam(required = false) String level,
      @RequestParam(required = false) Boolean urgent,
      @RequestParam(required = false) Boolean confirmNight,
      Authentication user,
      Locale locale,
      Model model) {
    try {
      long id =
          rounds.declareAlert(
              new AlertRequest(kind, districts, start, end, level, urgent, confirmNight),
              user.getName());
      return "redirect:/special-rounds?declared=" + id;
    } catch (InvalidRequestException e) {
      model.addAttribute(
          "errors", e.problems().stream().map(p -> problems.render(p, locale)).toList());
      return rounds(model);
    }
  }

  @GetMapping("/elders/{id}/cycle-card")
  String cycleCard(@PathVariable long id, Model model, java.util.Locale locale) {
    var cycle = cycles.of(id).orElseThrow(() -> new ElderNotFoundException(id));
    model.addAttribute("cycle", cycle);
    if (cycle.homeBecause() != null) {
      var why = cycle.homeBecause();
      model.addAttribute(
          "homeBecause",
          texts.render(org.tanfang.shared.Text.stored(why.key(), why.args()), locale));
    }
    model.addAttribute("zone", clock.getZone());
    return "cycle-card :: card";
  }
}
