package org.tanfang.registry.spreadsheet;

import java.io.IOException;
import java.util.function.Consumer;

/** Streams the rows of an uploaded sheet, header row included. */
interface SheetReader {
  /** Calls {@code rows} for each row in order; returns a description such as "CSV, GB18030". */
  String read(Consumer<SheetRow> rows) throws IOException;

  static String columnLetter(int index) {
    StringBuilder s = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) {
      s.insert(0, (char) ('A' + (i - 1) % 26));
    }
    return s.toString();
  }
}
