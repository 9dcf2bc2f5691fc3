package org.tanfang.web;

import java.net.URI;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.registry.ElderNotFoundException;
import org.tanfang.scheduling.AlertRequest;
import org.tanfang.scheduling.Coverage;
import org.tanfang.scheduling.ElderCycle;
import org.tanfang.scheduling.InvalidRequestException;
import org.tanfang.scheduling.SpecialRounds;
import org.tanfang.shared.FieldProblem;

/** Cycles, coverage and special rounds over REST. */
@RestController
class SchedulingApi {
  private final ElderCycle cycles;
  private final Coverage coverage;
  private final SpecialRounds rounds;

  SchedulingApi(ElderCycle cycles, Coverage coverage, SpecialRounds rounds) {
    this.cycles = cycles;
    this.coverage = coverage;
    this.rounds = rounds;
  }

  @GetMapping("/api/elders/{id}/cycle")
  ElderCycle.View cycle(@PathVariable long id) {
    return cycles.of(id).orElseThrow(() -> new ElderNotFoundException(id));
  }

  @GetMapping("/api/coverage")
  Coverage.Report coverage(
      @RequestParam String month,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community) {
    return coverage.month(
        month(month), blankToNull(district), blankToNull(street), blankToNull(community));
  }

  @GetMapping("/api/special-rounds")
  List<SpecialRounds.Round> rounds() {
    return rounds.list();
  }

  @PostMapping("/api/special-rounds")
  ResponseEntity<Map<String, Object>> declare(
      @RequestBody AlertRequest request, Authentication user) {
    long id = rounds.declareAlert(request, user.getName());
    return ResponseEntity.created(URI.create("/api/special-rounds/" + id))
        .body(Map.of("id", id, "expected", rounds.expected(id)));
  }

  static YearMonth month(String month) {
    try {
      return YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(List.of(FieldProblem.of("month", "month.format", month)));
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
