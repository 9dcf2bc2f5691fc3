package org.tanfang.registry.spreadsheet;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV as Excel and WPS save it: UTF-8 (with or without BOM) or GBK. The encoding is detected
 * by decoding strictly as UTF-8 and falling back to GB18030 (a superset of GBK), unless given.
 */
final class CsvSheetReader implements SheetReader {
  static final Charset GB18030 = Charset.forName("GB18030");

  private final byte[] content;
  private final Charset forced;

  CsvSheetReader(byte[] content, Charset forced) {
    this.content = content;
    this.forced = forced;
  }

  @Override
  public String read(Consumer<SheetRow> rows) throws IOException {
    Charset charset = forced != null ? forced : detect(content);
    String text = new String(content, charset);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    char delimiter = guessDelimiter(text);
    CSVFormat format =
        CSVFormat.EXCEL.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
    try (Reader reader = new StringReader(text);
        CSVParser parser = CSVParser.parse(reader, format)) {
      for (CSVRecord record : parser) {
        List<String> cells = new ArrayList<>(record.size());
        record.forEach(cells::add);
        rows.accept(new SheetRow((int) record.getRecordNumber(), cells));
      }
    }
    return "CSV, " + (charset.equals(GB18030) ? "GBK" : charset.name());
  }

  static Charset detect(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException e) {
      return GB18030;
    }
  }

  /** Tab-separated exports are common too; pick the separator the header line uses most. */
  private static char guessDelimiter(String text) {
    int end = text.indexOf('\n');
    String header = end < 0 ? text : text.substring(0, end);
    long tabs = header.chars().filter(c -> c == '\t').count();
    long commas = header.chars().filter(c -> c == ',').count();
    return tabs > commas ? '\t' : ',';
  }
}
