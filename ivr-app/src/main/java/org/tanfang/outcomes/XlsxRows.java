package org.tanfang.outcomes;

import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Appends outcome rows to a streaming workbook under a bold, frozen header row. Excel's last row is
 * 1,048,576, so a longer export continues on a further sheet ("探访记录 2", …).
 */
final class XlsxRows implements Consumer<OutcomeRow> {
  static final int ROWS_PER_SHEET = 1_000_000;

  private final SXSSFWorkbook book;
  private final OutcomeColumns columns;
  private final String title;
  private final CellStyle bold;
  private Sheet sheet;
  private int rowNo;

  XlsxRows(SXSSFWorkbook book, OutcomeColumns columns, String title) {
    this.book = book;
    this.columns = columns;
    this.title = title;
    this.bold = book.createCellStyle();
    Font font = book.createFont();
    font.setBold(true);
    bold.setFont(font);
    newSheet();
  }

  @Override
  public void accept(OutcomeRow row) {
    if (rowNo == ROWS_PER_SHEET) {
      newSheet();
    }
    fill(sheet.createRow(++rowNo), columns.cells(row), null);
  }

  private void newSheet() {
    int n = book.getNumberOfSheets();
    sheet = book.createSheet(n == 0 ? title : title + " " + (n + 1));
    fill(sheet.createRow(0), columns.headers(), bold);
    sheet.createFreezePane(0, 1);
    rowNo = 0;
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
}
