package org.tanfang.registry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Caller;
import org.tanfang.security.Disclosure;
import org.tanfang.security.ElderAccess;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.TextRules;

/** Creates, changes and reads elders; every change and every full view is audit-logged. */
@Service
public class ElderService {
  private final ElderRepository repository;
  private final ElderValidator validator;
  private final AuditLog audit;
  private final ElderAccess access;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  ElderService(
      ElderRepository repository,
      ElderValidator validator,
      AuditLog audit,
      ElderAccess access,
      Clock clock,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.validator = validator;
    this.audit = audit;
    this.access = access;
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

  /**
   * Creates an elder on behalf of a caller, who may only register elders inside their own scope
   * ({@code district: scope.outside} otherwise).
   */
  @Transactional
  public Elder create(ElderForm form, Caller caller) {
    insideScope(validOrThrow(form), caller);
    return create(form);
  }

  /** Changes an elder inside the caller's scope, and may not move them out of it. */
  @Transactional
  public Elder update(long id, ElderForm form, Caller caller) {
    getInScope(id, caller);
    insideScope(validOrThrow(form), caller);
    return update(id, form);
  }

  /** Pauses, resumes or marks deceased an elder inside the caller's scope. */
  @Transactional
  public Elder changeStatus(long id, ElderStatus status, String reason, Caller caller) {
    getInScope(id, caller);
    return changeStatus(id, status, reason);
  }

  private static void insideScope(ElderDraft draft, Caller caller) {
    Region r = draft.region();
    if (!caller.scope().contains(r.district(), r.street(), r.community())) {
      throw new InvalidElderException(
          List.of(FieldProblem.of("district", "scope.outside", caller.scope().label())));
    }
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

  /** Longest reason for a status change (README "Limits on input"). */
  static final int MAX_REASON = 500;

  /** Stops calls and tasks (hospital stay, moved away, deceased); the reason is required. */
  @Transactional
  public Elder changeStatus(long id, ElderStatus status, String reason) {
    Elder existing = get(id);
    if (status != ElderStatus.ACTIVE && Labels.blank(reason)) {
      throw new InvalidElderException(List.of(FieldProblem.of("reason", "required")));
    }
    var badReason = TextRules.check("reason", reason, MAX_REASON, true);
    if (badReason.isPresent()) {
      throw new InvalidElderException(List.of(badReason.get()));
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

  /** An elder and what the caller may see of them. */
  public record Viewed(Elder elder, Disclosure disclosure) {}

  /**
   * The record as {@code caller} may see it ({@link ElderAccess}); a full view is written to the
   * audit log with {@code what} was shown and why. Outside the caller's scope: not found.
   */
  @Transactional
  public Viewed view(long id, Caller caller, String what) {
    Elder elder = get(id);
    Disclosure d = disclose(elder, caller);
    access.recordFullView(caller, id, d, what);
    return new Viewed(elder, d);
  }

  /**
   * What the caller may see of this elder, without an audit entry (answers to the caller's own
   * changes are audited as changes).
   */
  public Disclosure disclose(Elder elder, Caller caller) {
    Region r = elder.region();
    return access
        .decide(caller, elder.id(), r.district(), r.street(), r.community())
        .orElseThrow(() -> new ElderNotFoundException(elder.id()));
  }

  /** The elder if inside the caller's scope; not found otherwise (no hint that it exists). */
  @Transactional(readOnly = true)
  public Elder getInScope(long id, Caller caller) {
    Elder elder = get(id);
    disclose(elder, caller);
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
