package org.tanfang.registry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.security.AuditLog;
import org.tanfang.shared.FieldProblem;

/** Creates, changes and reads elders; every change and every full view is audit-logged. */
@Service
public class ElderService {
  private final ElderRepository repository;
  private final ElderValidator validator;
  private final AuditLog audit;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  ElderService(
      ElderRepository repository,
      ElderValidator validator,
      AuditLog audit,
      Clock clock,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.validator = validator;
    this.audit = audit;
    this.clock = clock;
    this.events = events;
  }

  @Transactional
  public Elder create(ElderForm form) {
    ElderDraft draft = validOrThrow(form);
    repository
        .findByIdNumber(draft.idNumber())
        .ifPresent(
            existing -> {
              throw new InvalidElderException(
                  List.of(FieldProblem.of("idNumber", "idNumber.duplicate", existing.id())));
            });
    Elder saved = repository.save(draft.newElder(clock.instant()));
    audit.record("CREATE", "elder", saved.id(), saved.name());
    events.publishEvent(EldersChanged.of(List.of(saved.id()), "CREATE"));
    return saved;
  }

  @Transactional
  public Elder update(long id, ElderForm form) {
    Elder existing = get(id);
    ElderDraft draft = validOrThrow(form);
    repository
        .findByIdNumber(draft.idNumber())
        .filter(other -> !other.id().equals(id))
        .ifPresent(
            other -> {
              throw new InvalidElderException(
                  List.of(FieldProblem.of("idNumber", "idNumber.duplicate", other.id())));
            });
    if (draft.sameAs(existing)) {
      return existing;
    }
    Elder saved = repository.save(draft.applyTo(existing, clock.instant()));
    audit.record("UPDATE", "elder", id, null);
    events.publishEvent(EldersChanged.of(List.of(id), "UPDATE"));
    return saved;
  }

  /** Stops calls and tasks (hospital stay, moved away, deceased); the reason is required. */
  @Transactional
  public Elder changeStatus(long id, ElderStatus status, String reason) {
    Elder existing = get(id);
    if (status != ElderStatus.ACTIVE && Labels.blank(reason)) {
      throw new InvalidElderException(List.of(FieldProblem.of("reason", "required")));
    }
    if (existing.status() == ElderStatus.DECEASED && status != ElderStatus.DECEASED) {
      throw new InvalidElderException(List.of(FieldProblem.of("status", "status.deceased")));
    }
    Elder saved =
        repository.save(existing.withStatus(status, Labels.trimToNull(reason), clock.instant()));
    audit.record(status.name(), "elder", id, reason);
    events.publishEvent(EldersChanged.of(List.of(id), "STATUS"));
    return saved;
  }

  @Transactional(readOnly = true)
  public Elder get(long id) {
    return repository.findById(id).orElseThrow(() -> new ElderNotFoundException(id));
  }

  /** The full record, personal data included: recorded in the audit log. */
  @Transactional
  public Elder view(long id) {
    Elder elder = get(id);
    audit.record("VIEW", "elder", id, null);
    return elder;
  }

  public Optional<Elder> findByIdNumber(String idNumber) {
    return repository.findByIdNumber(IdCardNumber.normalise(idNumber));
  }

  public long count() {
    return repository.count();
  }

  private ElderDraft validOrThrow(ElderForm form) {
    ElderValidator.Result result = validator.validate(form);
    if (!result.valid()) {
      throw new InvalidElderException(result.problems());
    }
    return result.draft();
  }
}
