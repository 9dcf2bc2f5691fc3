package org.tanfang.registry.spreadsheet;

import java.util.List;

/** One row of a sheet: its 1-based line (spreadsheet row number) and the cell texts in order. */
record SheetRow(int line, List<String> cells) {
  boolean blank() {
    return cells.stream().allMatch(c -> c == null || c.isBlank());
  }

  String cell(int index) {
    return index < cells.size() ? cells.get(index) : null;
  }
}
