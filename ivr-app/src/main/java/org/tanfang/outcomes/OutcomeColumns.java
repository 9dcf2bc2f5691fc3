package org.tanfang.outcomes;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;

/**
 * The columns of an export, in order: a header and a cell per row, written in the reader's language
 * (codes become their labels). Numbers stay numbers so spreadsheets can sum them.
 */
final class OutcomeColumns {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private record Column(String key, BiFunction<OutcomeRow, OutcomeColumns, Object> value) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column("visitId", (r, c) -> r.visitId()),
          new Column("time", (r, c) -> TIME.format(r.at().atZone(c.zone))),
          new Column("elderId", (r, c) -> r.elderId()),
          new Column("name", (r, c) -> r.elderName()),
          new Column("idNumber", (r, c) -> r.idNumberMasked()),
          new Column("district", (r, c) -> r.district()),
          new Column("street", (r, c) -> r.street()),
          new Column("community", (r, c) -> r.community()),
          new Column("grid", (r, c) -> r.grid()),
          new Column(
              "categories",
              (r, c) ->
                  r.categories().stream()
                      .map(x -> c.label("category." + x.name()))
                      .collect(Collectors.joining("、"))),
          new Column("kind", (r, c) -> c.label("outcomes.kind." + r.kind().name())),
          new Column("purpose", (r, c) -> c.label("calls.purpose." + r.purpose().name())),
          new Column("outcome", (r, c) -> c.label("outcomes.outcome." + r.outcome().name())),
          new Column("valid", (r, c) -> c.label(r.valid() ? "elder.yes" : "elder.no")),
          new Column("attempts", (r, c) -> r.attempts()),
          new Column("lastResult", (r, c) -> c.label("calls.result.", r.lastResult())),
          new Column("worstIntent", (r, c) -> c.label("calls.intent.", r.worstIntent())),
          new Column("needs", (r, c) -> r.needs()),
          new Column("status", (r, c) -> c.label("cycle.status.", r.status())),
          new Column("recordedBy", (r, c) -> r.recordedBy()));

  private final MessageSource messages;
  private final Locale locale;
  private final ZoneId zone;

  OutcomeColumns(MessageSource messages, Locale locale, ZoneId zone) {
    this.messages = messages;
    this.locale = locale;
    this.zone = zone;
  }

  List<String> headers() {
    return COLUMNS.stream().map(c -> label("outcomes.col." + c.key())).toList();
  }

  /** The row's cells: {@link Long}, {@link Integer} or {@link String}, null when empty. */
  List<Object> cells(OutcomeRow row) {
    return COLUMNS.stream().map(c -> c.value().apply(row, this)).toList();
  }

  private String label(String key) {
    return messages.getMessage(key, null, key, locale);
  }

  private String label(String prefix, String code) {
    return code == null ? null : messages.getMessage(prefix + code, null, code, locale);
  }
}
