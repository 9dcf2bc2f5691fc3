package org.tanfang.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only {@code org.tanfang.visits} writes V2's tables ({@code visit}, {@code call_attempt}, {@code
 * visit_answer}), as far as a test can see it: no SQL that inserts into, updates or deletes from
 * them appears in the sources of any other package. (ArchUnit sees classes, not SQL text.)
 */
class VisitTablesOwnerTest {
  private static final Path MAIN = Path.of("src/main/java/org/tanfang");
  private static final Pattern WRITE =
      Pattern.compile(
          "(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+(visit|call_attempt|visit_answer)\\b");

  @Test
  void onlyTheVisitsPackageWritesTheVisitTables() throws IOException {
    assertThat(MAIN).isDirectory();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (file.startsWith(MAIN.resolve("visits"))) {
          continue;
        }
        String source = Files.readString(file);
        Matcher m = WRITE.matcher(source);
        while (m.find()) {
          found.add(MAIN.relativize(file) + ": " + m.group());
        }
      }
    }
    assertThat(found)
        .as("writes of visit/call_attempt/visit_answer outside org.tanfang.visits")
        .isEmpty();
  }

  @Test
  void theRuleSeesAWrite() {
    assertThat(WRITE.matcher("jdbc.update(\"update call_attempt set status = 'X'\")").find())
        .isTrue();
    assertThat(WRITE.matcher("\"insert into visit (elder_id\"").find()).isTrue();
    assertThat(WRITE.matcher("\"insert into visit_plan (x\"").find()).isFalse();
  }
}
