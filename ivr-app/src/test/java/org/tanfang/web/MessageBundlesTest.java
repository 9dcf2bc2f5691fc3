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
}
