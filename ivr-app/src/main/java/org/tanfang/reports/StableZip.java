package org.tanfang.reports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites an OOXML package (a zip) so that the same content gives the same bytes: entries in a
 * fixed order ({@code [Content_Types].xml} first, then by name), every entry dated 1980-01-01 in
 * DOS local time (no zone involved), one compression level, no extra fields.
 */
final class StableZip {
  private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);
  private static final String CONTENT_TYPES = "[Content_Types].xml";

  private StableZip() {}

  static byte[] normalize(byte[] zip) {
    try {
      Map<String, byte[]> entries = new TreeMap<>();
      try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream out = new ZipOutputStream(bytes)) {
        out.setLevel(Deflater.DEFAULT_COMPRESSION);
        byte[] types = entries.remove(CONTENT_TYPES);
        if (types != null) {
          write(out, CONTENT_TYPES, types);
        }
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          write(out, e.getKey(), e.getValue());
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(ZipOutputStream out, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(EPOCH);
    out.putNextEntry(entry);
    out.write(content);
    out.closeEntry();
  }
}
