package org.tanfang.prompts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** voice-prompts/catalogue.tsv: every prompt id with its purpose and script per dialect. */
@Component
public class PromptCatalogue {
  /** The dialects a prompt may be recorded in, Mandarin (the fallback) first. */
  public static final List<String> DIALECTS = List.of("cmn", "hainan");

  /** One prompt: its id, what it is for, and its script per dialect (blank where not written). */
  public record Entry(String id, String purpose, String cmn, String hainan, String note) {
    public String script(String dialect) {
      return "hainan".equals(dialect) ? hainan : cmn;
    }
  }

  private final Path folder;

  PromptCatalogue(
      @Value("${tanfang.telephony.callflow.prompt-local-dir:./voice-prompts}") String dir) {
    this.folder = Path.of(dir);
  }

  /** The prompt folder as this application sees it. */
  Path folder() {
    return folder;
  }

  /** Read at each call: the catalogue is a small file edited by hand. */
  public List<Entry> entries() {
    Path file = folder.resolve("catalogue.tsv");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      List<Entry> entries = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        entries.add(new Entry(f[0].strip(), at(f, 1), at(f, 2), at(f, 3), at(f, 4)));
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<Entry> find(String id) {
    return entries().stream().filter(e -> e.id().equals(id)).findFirst();
  }

  private static String at(String[] fields, int i) {
    return i < fields.length ? fields[i].strip() : "";
  }
}
