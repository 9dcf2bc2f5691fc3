package org.tanfang.outcomes;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.tanfang.security.AuditLog;

/**
 * Writes every row the filter selects (not one page) as CSV or Excel, streaming from the database
 * to the output, and records each export with its filters in the audit log first, so an export that
 * fails half-way is still on record.
 */
@Service
public class OutcomeExport {
  private final OutcomeLog log;
  private final AuditLog audit;
  private final MessageSource messages;
  private final Clock clock;

  OutcomeExport(OutcomeLog log, AuditLog audit, MessageSource messages, Clock clock) {
    this.log = log;
    this.audit = audit;
    this.messages = messages;
    this.clock = clock;
  }

  /** UTF-8 with a byte-order mark, which Excel needs to read Chinese from a CSV file. */
  public void csv(OutcomeFilter filter, Locale locale, OutputStream out) throws IOException {
    audit.record("EXPORT", "visit", null, "outcome log csv " + filter.describe());
    OutcomeColumns columns = new OutcomeColumns(messages, locale, clock.getZone());
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write('\uFEFF');
    CSVPrinter printer = new CSVPrinter(writer, CSVFormat.EXCEL);
    printer.printRecord(columns.headers());
    log.forEach(filter, row -> print(printer, columns.cells(row)));
    printer.flush();
  }

  /** An .xlsx built with POI's streaming workbook: only the last 100 rows are kept in memory. */
  public void xlsx(OutcomeFilter filter, Locale locale, OutputStream out) throws IOException {
    audit.record("EXPORT", "visit", null, "outcome log xlsx " + filter.describe());
    OutcomeColumns columns = new OutcomeColumns(messages, locale, clock.getZone());
    try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
      log.forEach(
          filter, new XlsxRows(book, columns, messages.getMessage("outcomes.title", null, locale)));
      book.write(out);
    }
  }

  private static void print(CSVPrinter printer, List<Object> cells) {
    try {
      printer.printRecord(cells.stream().map(OutcomeExport::inert).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Text typed into the registry (a name, a recorder) that starts like a formula is prefixed with
   * an apostrophe, so a spreadsheet opening the CSV shows it instead of evaluating it.
   */
  static Object inert(Object cell) {
    return cell instanceof String s && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0
        ? "'" + s
        : cell;
  }
}
