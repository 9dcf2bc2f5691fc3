package org.tanfang.registry.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads the first sheet of an .xlsx file by streaming its XML (POI's event API), so 100,000 rows
 * need little memory. Dates come out as ISO dates and whole numbers without exponent, whatever the
 * cell's display format.
 */
final class XlsxSheetReader implements SheetReader {
  private final byte[] content;

  XlsxSheetReader(byte[] content) {
    this.content = content;
  }

  @Override
  public String read(Consumer<SheetRow> rows) throws IOException {
    // Opened from a file, POI reads the zip entries as streams instead of buffering each whole
    // (a 100,000-row sheet's XML is larger than POI's 100 MB in-memory limit).
    Path file = Files.createTempFile("tanfang-import", ".xlsx");
    Files.write(file, content);
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      StylesTable styles = reader.getStylesTable();
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new IOException("The workbook has no sheet");
      }
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(
            new XSSFSheetXMLHandler(
                styles, null, strings, new RowCollector(rows), new PlainFormatter(), false));
        parser.parse(new InputSource(sheet));
      }
      return "XLSX, " + sheets.getSheetName();
    } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
      throw new IOException("Not a readable .xlsx file: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Collects the cells of each row in column order, filling gaps left by empty cells. */
  private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final Consumer<SheetRow> rows;
    private List<String> cells;

    RowCollector(Consumer<SheetRow> rows) {
      this.rows = rows;
    }

    @Override
    public void startRow(int rowNum) {
      cells = new ArrayList<>();
    }

    @Override
    public void endRow(int rowNum) {
      rows.accept(new SheetRow(rowNum + 1, cells));
    }

    @Override
    public void cell(String ref, String value, XSSFComment comment) {
      int column = ref == null ? cells.size() : new CellReference(ref).getCol();
      while (cells.size() < column) {
        cells.add(null);
      }
      cells.add(value);
    }
  }

  /** Formats dates as ISO and integral numbers as plain digits (phones stored as numbers). */
  private static final class PlainFormatter extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        return DateUtil.getLocalDateTime(value)
            .toLocalDate()
            .format(DateTimeFormatter.ISO_LOCAL_DATE);
      }
      if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        return Long.toString((long) value);
      }
      return super.formatRawCellContents(value, formatIndex, formatString);
    }
  }
}
