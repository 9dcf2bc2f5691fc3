package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LexiconTest {

  private static final String MINIMAL = "HELP: 救命\nFINE: 好\nNEGATOR: 不\n";

  private static Lexicon parse(Language language, String text) throws IOException {
    return Lexicon.parse(language, "test-lexicon.txt", new StringReader(text));
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void shippedLexiconsLoad(Language language) {
    Lexicon lexicon = Lexicon.load(language);
    assertThat(lexicon.termsWith(Role.HELP)).hasSizeGreaterThan(20);
    assertThat(lexicon.language()).isEqualTo(language);
  }

  @Test
  void shippedQuestionsLoad() {
    assertThat(Questions.load().ids())
        .containsExactly("identity", "health", "living", "family", "safety", "needs");
  }

  @Test
  void commentsBlankLinesAndRepeatedKeysAreAccepted() throws IOException {
    Lexicon lexicon = parse(Language.CMN, "\uFEFF# comment\n\n" + MINIMAL + "FINE: 很好 | 挺好\n");
    assertThat(lexicon.termsWith(Role.FINE))
        .extracting(Term::text)
        .containsExactly("好", "很好", "挺好");
  }

  @Test
  void aBangMakesATermUnnegatableAndDotsMakeAGap() throws IOException {
    Lexicon lexicon = parse(Language.CMN, MINIMAL + "HELP: 想死! | 胸口…闷 | 煤气...漏\n");
    assertThat(lexicon.termsWith(Role.HELP))
        .extracting(Term::text, Term::negatable)
        .contains(
            org.assertj.core.groups.Tuple.tuple("想死", false),
            org.assertj.core.groups.Tuple.tuple("胸口…闷", true),
            org.assertj.core.groups.Tuple.tuple("煤气…漏", true));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "HELP 救命; line 4: expected 'KEY: term | term'",
        "HAPPY: 好; line 4: unknown key 'HAPPY'",
        "NEEDS: 米; line 4: NEEDS needs a kind",
        "NEEDS.SHOES: 鞋; line 4: unknown need kind 'SHOES'",
        "FINE.FOOD: 饭; line 4: key FINE takes no kind",
        "FINE: 很好 || 挺好; line 4: empty term in FINE",
        "FINE:; line 4: key FINE has no terms",
        "FINE: ，; line 4: term '，' has no letters",
        "UNWELL: 好; line 4: term '好' is already FINE (line 2)",
        "FINE: 好; line 4: term '好' is already FINE (line 2)",
        "HELP: 胸口…; line 4: term '胸口…' has an empty part",
        "FINE: 好，好; line 4: term '好，好' has punctuation"
      })
  void mistakesNameTheFileAndLine(String line, String message) {
    assertThatThrownBy(() -> parse(Language.CMN, MINIMAL + line + "\n"))
        .isInstanceOf(LexiconException.class)
        .hasMessageStartingWith("test-lexicon.txt line")
        .hasMessageContaining(message);
  }

  @Test
  void englishTermsMustBeWrittenAsVoskWritesThem() {
    assertThatThrownBy(() -> parse(Language.EN, "HELP: help\nFINE: Fine\nNEGATOR: not\n"))
        .isInstanceOf(LexiconException.class)
        .hasMessage("test-lexicon.txt line 2: English term 'Fine' must be written as 'fine'");
  }

  @Test
  void aLexiconWithoutDistressTermsIsRefused() {
    assertThatThrownBy(() -> parse(Language.CMN, "FINE: 好\nNEGATOR: 不\n"))
        .isInstanceOf(LexiconException.class)
        .hasMessage("test-lexicon.txt: no HELP terms");
  }

  @Test
  void aTermMayHaveOneRolePerGroup() throws IOException {
    Lexicon lexicon = parse(Language.CMN, MINIMAL + "INTENSIFIER: 好\nNO: 不\n");
    Term hao = lexicon.startingWith("好").get(0);
    assertThat(hao.has(Role.FINE)).isTrue();
    assertThat(hao.has(Role.INTENSIFIER)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "health yes=UNWELL; line 1: expected 'id: attribute=value",
        "health: yes=UNWELL no=FINE; line 1: question 'health' lacks bad=",
        "health: yes=UNWELL no=FINE bad=SAD; line 1: outcome 'SAD' is not",
        "health: yes=NEEDS.SHOES no=FINE bad=UNWELL; line 1: unknown need kind",
        "health: yes=UNWELL no=FINE bad=UNWELL colour=red; line 1: unknown attribute 'colour=red'",
        "health: confirm grammar=FINE,HAPPY; line 1: unknown lexicon key 'HAPPY'"
      })
  void questionFileMistakesNameTheLine(String line, String message) {
    assertThatThrownBy(() -> Questions.parse("test-questions.txt", new StringReader(line + "\n")))
        .isInstanceOf(LexiconException.class)
        .hasMessageStartingWith("test-questions.txt line")
        .hasMessageContaining(message);
  }

  @Test
  void aQuestionDefinedTwiceIsRefused() {
    String twice = "needs: confirm\nneeds: confirm\n";
    assertThatThrownBy(() -> Questions.parse("q.txt", new StringReader(twice)))
        .hasMessage("q.txt line 2: question 'needs' defined twice");
  }
}
