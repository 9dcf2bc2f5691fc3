package org.tanfang.outcomes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tanfang.callflow.Intent;
import org.tanfang.registry.Labels;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.security.RegionScope;
import org.tanfang.shared.FieldProblem;

/**
 * What the outcome log shows: visits dated within {@code from}..{@code to} (local days, both
 * included) and matching every other filter that is set (null means any).
 */
public record OutcomeFilter(
    LocalDate from,
    LocalDate to,
    String district,
    String street,
    String community,
    LogOutcome outcome,
    Intent intent,
    Category category,
    VisitKind kind,
    VisitPurpose purpose,
    RegionScope scope) {
  /** Days shown when no range is asked for: the last week, today included. */
  static final int DEFAULT_DAYS = 7;

  /** Checks the request's filters, naming every bad one; dates are local to the clock's zone. */
  public static OutcomeFilter of(OutcomeParams p, Clock clock) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate to = date("to", p.to(), problems).orElse(LocalDate.now(clock));
    LocalDate from = date("from", p.from(), problems).orElse(to.minusDays(DEFAULT_DAYS - 1));
    if (from.isAfter(to)) {
      problems.add(FieldProblem.of("to", "range.order", to, from));
    }
    OutcomeFilter filter =
        new OutcomeFilter(
            from,
            to,
            Labels.trimToNull(p.district()),
            Labels.trimToNull(p.street()),
            Labels.trimToNull(p.community()),
            code("outcome", p.outcome(), LogOutcome.class, problems),
            code("intent", p.intent(), Intent.class, problems),
            category(p.category(), problems),
            code("kind", p.kind(), VisitKind.class, problems),
            code("purpose", p.purpose(), VisitPurpose.class, problems),
            RegionScope.CITY);
    if (!problems.isEmpty()) {
      throw new InvalidFilterException(problems);
    }
    return filter;
  }

  /** The same filters over the elders inside {@code scope} only (the caller's region). */
  public OutcomeFilter within(RegionScope s) {
    return new OutcomeFilter(
        from, to, district, street, community, outcome, intent, category, kind, purpose, s);
  }

  /** The first instant of {@code from} in the zone. */
  Instant start(Clock clock) {
    return from.atStartOfDay(clock.getZone()).toInstant();
  }

  /** The first instant after {@code to} in the zone. */
  Instant end(Clock clock) {
    return to.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
  }

  /** The filters as request parameters (blank ones left out), for links and the audit log. */
  public Map<String, String> asParams() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("from", from.toString());
    params.put("to", to.toString());
    put(params, "district", district);
    put(params, "street", street);
    put(params, "community", community);
    put(params, "outcome", outcome);
    put(params, "intent", intent);
    put(params, "category", category);
    put(params, "kind", kind);
    put(params, "purpose", purpose);
    return params;
  }

  /** E.g. {@code from=2026-03-09 to=2026-03-15 district=美兰区} (and the scope, if not the city). */
  public String describe() {
    return asParams().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "))
        + (scope == null || scope.isCity() ? "" : " scope=" + scope.label());
  }

  private static void put(Map<String, String> params, String name, Object value) {
    if (value != null) {
      params.put(name, value instanceof Enum<?> e ? e.name() : value.toString());
    }
  }

  private static Optional<LocalDate> date(String field, String raw, List<FieldProblem> problems) {
    if (Labels.blank(raw)) {
      return Optional.empty();
    }
    Optional<LocalDate> date = Labels.date(raw);
    if (date.isEmpty()) {
      problems.add(FieldProblem.of(field, "date.invalid", raw));
    }
    return date;
  }

  private static <E extends Enum<E>> E code(
      String field, String raw, Class<E> type, List<FieldProblem> problems) {
    if (Labels.blank(raw)) {
      return null;
    }
    try {
      return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String known =
          Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
      problems.add(FieldProblem.of(field, "code.unknown", raw, known));
      return null;
    }
  }

  private static Category category(String raw, List<FieldProblem> problems) {
    if (Labels.blank(raw)) {
      return null;
    }
    Optional<Category> category = Labels.category(raw);
    if (category.isEmpty()) {
      problems.add(FieldProblem.of("category", "categories.unknown", raw));
    }
    return category.orElse(null);
  }
}
