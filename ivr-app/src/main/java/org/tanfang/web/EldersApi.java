package org.tanfang.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderDetail;
import org.tanfang.registry.ElderForm;
import org.tanfang.registry.ElderSearch;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.registry.SearchParams;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.security.Callers;

/** REST API of the elder registry. */
@RestController
@RequestMapping("/api/elders")
class EldersApi {
  private final ElderService service;
  private final ElderSearch search;
  private final RegistryProperties props;
  private final Callers callers;
  private final Clock clock;

  private final QueryChecks checks;

  EldersApi(
      ElderService service,
      ElderSearch search,
      RegistryProperties props,
      Callers callers,
      Clock clock,
      QueryChecks checks) {
    this.checks = checks;
    this.service = service;
    this.search = search;
    this.props = props;
    this.callers = callers;
    this.clock = clock;
  }

  record StatusChange(String reason) {}

  @GetMapping
  ElderSearch.Page list(
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      Authentication auth) {
    checks
        .check()
        .page(page)
        .size("size", size, ElderSearch.MAX_PAGE_SIZE)
        .district(district)
        .done();
    return search.search(
        SearchParams.criteria(district, street, community, category, status, q),
        page,
        size,
        callers.of(auth));
  }

  @GetMapping("/{id}")
  ElderDetail get(@PathVariable long id, Authentication auth) {
    ElderService.Viewed v = service.view(id, callers.of(auth), "api");
    return ElderDetail.of(v.elder(), LocalDate.now(clock), props.advancedAge(), v.disclosure());
  }

  @PostMapping
  ResponseEntity<ElderDetail> create(@RequestBody ElderForm form, Authentication auth) {
    Elder elder = service.create(form, callers.of(auth));
    return ResponseEntity.created(URI.create("/api/elders/" + elder.id()))
        .body(detail(elder, auth));
  }

  @PutMapping("/{id}")
  ElderDetail update(@PathVariable long id, @RequestBody ElderForm form, Authentication auth) {
    return detail(service.update(id, form, callers.of(auth)), auth);
  }

  @PostMapping("/{id}/pause")
  ElderDetail pause(@PathVariable long id, @RequestBody StatusChange change, Authentication auth) {
    return detail(
        service.changeStatus(id, ElderStatus.PAUSED, change.reason(), callers.of(auth)), auth);
  }

  @PostMapping("/{id}/resume")
  ElderDetail resume(
      @PathVariable long id,
      @RequestBody(required = false) StatusChange change,
      Authentication auth) {
    String reason = change == null ? null : change.reason();
    return detail(service.changeStatus(id, ElderStatus.ACTIVE, reason, callers.of(auth)), auth);
  }

  @PostMapping("/{id}/deceased")
  ElderDetail deceased(
      @PathVariable long id, @RequestBody StatusChange change, Authentication auth) {
    return detail(
        service.changeStatus(id, ElderStatus.DECEASED, change.reason(), callers.of(auth)), auth);
  }

  /**
   * The answer to a change: disclosed as {@link org.tanfang.security.ElderAccess} decides (staff
   * pausing an elder see the masked record), without a VIEW entry (the change is audited).
   */
  private ElderDetail detail(Elder elder, Authentication auth) {
    return ElderDetail.of(
        elder,
        LocalDate.now(clock),
        props.advancedAge(),
        service.disclose(elder, callers.of(auth)));
  }
}
