package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when a prompt the code, the questionnaire or the dialplan plays has no catalogue
 * entry or no valid Mandarin audio (WAV, PCM 8 kHz 16-bit mono, non-empty).
 */
class VoicePromptsTest {
  static final Path PROMPTS = Path.of("..", "voice-prompts");

  /** id → Mandarin script. */
  static Map<String, String> catalogue() throws IOException {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String line : Files.readAllLines(PROMPTS.resolve("catalogue.tsv"))) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      assertThat(cols).as(line).hasSizeGreaterThanOrEqualTo(3);
      assertThat(ids.put(cols[0], cols[2])).as("duplicate id " + cols[0]).isNull();
    }
    return ids;
  }

  static Set<String> usedPromptIds() throws IOException {
    Set<String> used = new TreeSet<>();
    try (InputStream in =
        VoicePromptsTest.class.getResourceAsStream("/callflow/questionnaire-v1.json")) {
      used.addAll(Questionnaire.load(in).promptIds());
    }
    try (InputStream in =
        VoicePromptsTest.class.getResourceAsStream("/callflow/followups-v1.json")) {
      used.addAll(FollowUpRules.load(in).promptIds());
    }
    Pattern inCode =
        Pattern.compile("(?:prompts\\(\\)\\.path\\(|String PROMPT = )\"([a-z0-9-]+)\"");
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = inCode.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    used.addAll(DialplanContractTest.playedPrompts());
    for (org.tanfang.scheduler.alert.AlertKind kind :
        org.tanfang.scheduler.alert.AlertKind.values()) {
      used.add(kind.contactPromptId()); // played by FamilyScript to an alert's contacts
    }
    return used;
  }

  @Test
  void everyPromptInUseIsCataloguedWithAMandarinScript() throws IOException {
    Map<String, String> catalogue = catalogue();
    assertThat(usedPromptIds())
        .hasSizeGreaterThan(15)
        .contains(
            "inbound-welcome",
            "inbound-id-digits",
            "inbound-id-retry",
            "staff-busy",
            "staff-callback",
            "fu-unwell",
            "fu-resolved");
    assertThat(usedPromptIds())
        .allSatisfy(
            id -> {
              assertThat(catalogue).as("catalogue entry for %s", id).containsKey(id);
              assertThat(catalogue.get(id)).as("Mandarin script of %s", id).isNotBlank();
            });
  }

  @Test
  void everyCataloguedPromptHasValidMandarinAudio() throws IOException {
    for (String id : catalogue().keySet()) {
      assertTelephoneWav(PROMPTS.resolve("cmn").resolve(id + ".wav"));
    }
  }

  @Test
  void hainaneseRecordingsAreValidAndCatalogued() throws IOException {
    Set<String> ids = catalogue().keySet();
    try (Stream<Path> files = Files.list(PROMPTS.resolve("hainan"))) {
      for (Path wav : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
        assertThat(ids).contains(wav.getFileName().toString().replace(".wav", ""));
        assertTelephoneWav(wav);
      }
    }
  }

  /** RIFF/WAVE with a PCM fmt chunk: 1 channel, 8000 Hz, 16 bits, and audio data. */
  static void assertTelephoneWav(Path wav) throws IOException {
    assertThat(wav).as("audio file").exists();
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(tag(b, 0)).as("%s RIFF", wav).isEqualTo("RIFF");
    assertThat(tag(b, 8)).as("%s WAVE", wav).isEqualTo("WAVE");
    int pos = 12;
    boolean fmtOk = false;
    int dataBytes = 0;
    while (pos + 8 <= b.limit()) {
      String id = tag(b, pos);
      int size = b.getInt(pos + 4);
      if (id.equals("fmt ")) {
        assertThat(b.getShort(pos + 8)).as("%s PCM", wav).isEqualTo((short) 1);
        assertThat(b.getShort(pos + 10)).as("%s mono", wav).isEqualTo((short) 1);
        assertThat(b.getInt(pos + 12)).as("%s 8 kHz", wav).isEqualTo(8000);
        assertThat(b.getShort(pos + 22)).as("%s 16-bit", wav).isEqualTo((short) 16);
        fmtOk = true;
      } else if (id.equals("data")) {
        dataBytes = size;
      }
      pos += 8 + size + (size & 1);
    }
    assertThat(fmtOk).as("%s has a fmt chunk", wav).isTrue();
    assertThat(dataBytes).as("%s has audio", wav).isPositive();
  }

  private static String tag(ByteBuffer b, int at) {
    byte[] four = new byte[4];
    b.get(at, four);
    return new String(four, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
