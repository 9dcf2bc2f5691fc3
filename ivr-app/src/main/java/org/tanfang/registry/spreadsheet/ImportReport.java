package org.tanfang.registry.spreadsheet;

import java.util.List;
import java.util.Map;

/**
 * What an import found and did. When {@code committed} is false nothing was written, and the counts
 * say what the import would have done.
 *
 * @param rows data rows read (blank rows are skipped)
 * @param rejected rows with at least one error
 * @param errors every problem: line (spreadsheet row), column (letter and header), field, rule
 */
public record ImportReport(
    String fileName,
    String format,
    int rows,
    int inserted,
    int updated,
    int unchanged,
    int rejected,
    boolean committed,
    boolean dryRun,
    boolean importValidRows,
    List<RowError> errors,
    List<String> warnings,
    long millis) {

  public record RowError(
      int line,
      String column,
      String field,
      String rule,
      String value,
      Map<String, String> message) {}

  public boolean hasErrors() {
    return !errors.isEmpty();
  }
}
