package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fails the build when a UI message or a rule message lacks its zh-CN or en text. */
class MessageBundlesTest {
  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (var in = MessageBundlesTest.class.getResourceAsStream("/i18n/" + name)) {
      assertThat(in).as(name).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void shouldHaveTheSameKeysInEveryLanguage() throws IOException {
    Set<String> zh = new TreeSet<>(load("messages.properties").stringPropertyNames());
    assertThat(new TreeSet<>(load("messages_zh_CN.properties").stringPropertyNames()))
        .isEqualTo(zh);
    assertThat(new TreeSet<>(load("messages_en.properties").stringPropertyNames())).isEqualTo(zh);
  }

  @Test
  void shouldHaveAMessageForEveryRuleTheCodeCanBreak() throws IOException {
    Properties zh = load("messages.properties");
    Pattern ruleLiteral =
        Pattern.compile(
            "(?:FieldProblem\\.of|problem)\\(\\s*[^,]+,\\s*\"([a-zA-Z.]+)\"|fileError\\(\"([a-zA-Z.]+)\"");
    Pattern invalidField = Pattern.compile("c\\.parsed\\(\\s*\"([a-zA-Z]+)\"");
    Set<String> rules = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher m = ruleLiteral.matcher(source);
        while (m.find()) {
          rules.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        Matcher f = invalidField.matcher(source);
        while (f.find()) {
          rules.add(f.group(1) + ".invalid");
        }
      }
    }
    assertThat(rules).hasSizeGreaterThan(20);
    assertThat(rules)
        .allSatisfy(rule -> assertThat(zh).as("rule." + rule).containsKey("rule." + rule));
  }

  /**
   * Files whose Chinese string literals are not text built for a reader: vocabularies the code
   * parses (spreadsheet headers, labels and yes/no words, ID-card and date forms, the speech
   * lexicon's helpers), data (demo population, default districts, account display names, policy
   * rule names), and the Chinese spreadsheet template and file names the bureau expects.
   */
  private static final Set<String> CHINESE_ALLOWED =
      Set.of(
          "registry/spreadsheet/Column.java",
          "registry/spreadsheet/ImportTemplate.java",
          "registry/spreadsheet/RowForm.java",
          "registry/spreadsheet/ElderImport.java",
          "registry/Labels.java",
          "registry/Sex.java",
          "registry/ElderValidator.java",
          "registry/RegistryProperties.java",
          "demo/DemoPopulation.java",
          "security/InitialAccounts.java",
          "scheduling/PolicyTable.java",
          "web/OutcomesApi.java");

  private static final Pattern CJK_LITERAL =
      Pattern.compile("\"[^\"\\n]*[\\x{4e00}-\\x{9fff}][^\"\\n]*\"");

  @Test
  void shouldBuildNoUserFacingChineseInJava() throws IOException {
    Path main = Path.of("src/main/java/org/tanfang");
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = main.relativize(file).toString().replace('\\', '/');
        if (CHINESE_ALLOWED.contains(name) || name.startsWith("speech/")) {
          continue;
        }
        String code = withoutComments(Files.readString(file));
        Matcher m = CJK_LITERAL.matcher(code);
        while (m.find()) {
          found.add(name + ": " + m.group());
        }
      }
    }
    assertThat(found)
        .as("Chinese text built in Java: put it in i18n/messages*.properties (see shared.Text)")
        .isEmpty();
  }

  @Test
  void theChineseRuleSeesALiteralButNotAComment() {
    assertThat(CJK_LITERAL.matcher(withoutComments("String s = \"老人求助\";")).find()).isTrue();
    assertThat(CJK_LITERAL.matcher(withoutComments("// \"老人\"\n/** \"求助\" */")).find()).isFalse();
  }

  @Test
  void shouldHaveAMessageForEveryTextKeyTheCodeUses() throws IOException {
    Properties zh = load("messages.properties");
    Pattern key = Pattern.compile("Text\\.(?:of|label)\\(\\s*\"([a-zA-Z.]+)\"");
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = key.matcher(Files.readString(file));
        while (m.find()) {
          keys.add(m.group(1));
        }
      }
    }
    assertThat(keys).hasSizeGreaterThan(30);
    assertThat(keys)
        .allSatisfy(
            k ->
                assertThat(
                        k.endsWith(".")
                            ? zh.stringPropertyNames().stream().anyMatch(n -> n.startsWith(k))
                            : zh.containsKey(k))
                    .as(k)
                    .isTrue());
  }

  private static String withoutComments(String source) {
    return source
        .replaceAll("(?s)/\\*.*?\\*/", "")
        .replaceAll("(?m)^\\s*//.*$", "")
        .replaceAll("\\s//\\s.*", "");
  }
}
