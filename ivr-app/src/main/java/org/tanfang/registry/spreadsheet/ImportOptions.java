package org.tanfang.registry.spreadsheet;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.tanfang.registry.InvalidElderException;
import org.tanfang.shared.FieldProblem;

/**
 * How to import a file.
 *
 * @param importValidRows import the good rows even when others have errors (default: a file with
 *     any error imports nothing)
 * @param dryRun check only, write nothing
 * @param encoding CSV encoding; null detects UTF-8 or GBK
 */
public record ImportOptions(boolean importValidRows, boolean dryRun, Charset encoding) {
  public static ImportOptions defaults() {
    return new ImportOptions(false, false, null);
  }

  /**
   * Options as a request names them: {@code encoding} blank detects, {@code gbk} reads GB18030 (its
   * superset), anything else is a Java charset name; an unknown one is a field problem.
   */
  public static ImportOptions of(boolean importValidRows, boolean dryRun, String encoding) {
    return new ImportOptions(importValidRows, dryRun, charset(encoding));
  }

  private static Charset charset(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return name.equalsIgnoreCase("gbk") ? CsvSheetReader.GB18030 : Charset.forName(name.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new InvalidElderException(
          List.of(FieldProblem.of("encoding", "encoding.unknown", name)));
    }
  }
}
