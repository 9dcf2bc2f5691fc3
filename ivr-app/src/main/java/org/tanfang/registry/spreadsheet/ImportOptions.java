package org.tanfang.registry.spreadsheet;

import java.nio.charset.Charset;

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
}
