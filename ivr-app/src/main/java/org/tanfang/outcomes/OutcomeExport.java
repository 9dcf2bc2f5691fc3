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
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
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
  /** Excel's last row is 1,048,576; a longer export continues on a further sheet. */
  static final int ROWS_PER_SHEET = 1_000_000;

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
    String title = messages.getMessage("outcomes.title", null, locale);
    try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      Sheet[] sheet = {newSheet(book, title, columns.headers(), bold)};
      int[] rowNo = {0};
      log.forEach(
          filter,
          row -> {
            if (rowNo[0] == ROWS_PER_SHEET) {
              sheet[0] = newSheet(book, title, columns.headers(), bold);
              rowNo[0] = 0;
            }
            fill(sheet[0].createRow(++rowNo[0]), columns.cells(row), null);
          });
      book.write(out);
    }
  }

  private static Sheet newSheet(
      SXSSFWorkbook book, String title, List<String> headers, CellStyle s) {
    int n = book.getNumberOfSheets();
    Sheet sheet = book.createSheet(n == 0 ? title : title + " " + (n + 1));
    fill(sheet.createRow(0), List.copyOf(headers), s);
    sheet.createFreezePane(0, 1);
    return sheet;
  }

  private static void fill(Row row, List<?> cells, CellStyle style) {
    for (int i = 0; i < cells.size(); i++) {
      Object value = cells.get(i);
      var cell = row.createCell(i);
      if (value instanceof Number number) {
        cell.setCellValue(number.doubleValue());
      } else if (value != null) {
        cell.setCellValue(value.toString());
      }
      if (style != null) {
        cell.setCellStyle(style);
      }
    }
  }

  private static void print(CSVPrinter printer, List<Object> cells) {
    try {
      printer.printRecord(cells);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
