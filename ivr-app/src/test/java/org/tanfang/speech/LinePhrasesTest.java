package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tanfang.callflow.LineRecognizer.Kind;

/**
 * The line check's transcript classifier for Mandarin (the text path: no Mandarin Vosk model is
 * installed here, so no audio is involved). Every phrase of {@code speech/line-cmn.txt} names its
 * own kind, and the announcements as carriers word them ({@code
 * src/test/resources/speech/line-cmn-transcripts.txt}: punctuation, a greeting before, the English
 * version after) name the right one. Real carrier audio is untested (README).
 */
class LinePhrasesTest {
  private static final LinePhrases CMN = LinePhrases.load(Language.CMN);
  private static final LinePhrases EN = LinePhrases.load(Language.EN);

  static Stream<Arguments> cmnPhrases() {
    return CMN.phrases().stream().map(p -> Arguments.of(p.kind(), p.text()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cmnPhrases")
  void everyMandarinPhraseNamesItsKind(Kind kind, String phrase) {
    assertThat(CMN.kindOf(phrase)).isEqualTo(kind);
    assertThat(CMN.kindOf("，" + phrase + "。")).as("with punctuation").isEqualTo(kind);
  }

  @Test
  void theFileHasEveryCarrierKind() {
    assertThat(CMN.phrases().stream().map(LinePhrases.Phrase::kind).distinct())
        .contains(
            Kind.SWITCHED_OFF,
            Kind.SUSPENDED,
            Kind.NO_SUCH_NUMBER,
            Kind.UNREACHABLE_NETWORK,
            Kind.BUSY,
            Kind.VOICEMAIL,
            Kind.PERSON);
  }

  static Stream<Arguments> transcripts() throws IOException {
    try (InputStream in =
        LinePhrasesTest.class
            .getClassLoader()
            .getResourceAsStream("speech/line-cmn-transcripts.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t", -1))
          .map(f -> Arguments.of(Kind.valueOf(f[0]), f[1]))
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("transcripts")
  void announcementsAsCarriersWordThemNameTheirKind(Kind kind, String transcript) {
    assertThat(CMN.kindOf(transcript)).isEqualTo(kind);
  }

  @Test
  void theEnglishAfterTheChineseIsEnoughOnItsOwn() {
    assertThat(CMN.kindOf("Sorry, the number you dialed is power off."))
        .isEqualTo(Kind.SWITCHED_OFF);
    assertThat(CMN.kindOf("SORRY THE NUMBER YOU DIALED IS BUSY NOW")).isEqualTo(Kind.BUSY);
    // Words, not letters: "busyness" is not "busy", "is powerful" is not "power off".
    assertThat(CMN.kindOf("the busyness is powerful")).isEqualTo(Kind.SOUND);
  }

  @Test
  void latinPhrasesStayOutOfTheMandarinGrammar() {
    List<String> grammar = CMN.grammar(java.util.Set.of());
    assertThat(grammar).noneMatch(g -> g.matches(".*[a-z].*") && !g.equals("[unk]"));
    assertThat(grammar).contains("[unk]");
  }

  @Test
  void englishTranscriptsStillNameTheirKind() {
    assertThat(EN.kindOf("the number you dialed is switched off")).isEqualTo(Kind.SWITCHED_OFF);
    assertThat(EN.kindOf("[unk] please leave a message after the tone")).isEqualTo(Kind.VOICEMAIL);
    assertThat(EN.kindOf("hello")).isEqualTo(Kind.PERSON);
    assertThat(EN.kindOf("[unk]")).isEqualTo(Kind.SOUND);
    assertThat(EN.kindOf("")).isEqualTo(Kind.SOUND);
  }
}
