package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntentClassifierTest {

  private static final IntentClassifier CLASSIFIER = TrainedClassifier.get();

  private static Understanding cmn(String text) {
    return CLASSIFIER.classify(text, Language.CMN);
  }

  private static Understanding cmn(String text, String question) {
    return CLASSIFIER.classify(text, Language.CMN, question);
  }

  private static Understanding en(String text) {
    return CLASSIFIER.classify(text, Language.EN);
  }

  @Nested
  class Negation {

    @ParameterizedTest
    @CsvSource({
      "好, FINE",
      "不好, UNWELL",
      "没事, FINE",
      "有事, UNWELL",
      "不是很好, UNWELL",
      "不太舒服, UNWELL",
      "没有什么地方不舒服, FINE",
      "没病没痛, FINE",
      "不疼, FINE",
      "还没好, UNWELL"
    })
    void negatorsFlipTheTermRightAfterThem(String text, Intent expected) {
      assertThat(cmn(text).intent()).isEqualTo(expected);
    }

    @Test
    void doubleNegativeIsFine() {
      assertThat(cmn("也不是不好").intent()).isEqualTo(Intent.FINE);
      assertThat(cmn("不是不好").matched()).containsExactly("不是+不好");
    }

    @Test
    void negationDoesNotReachAcrossAClause() {
      assertThat(cmn("没有，都好", "living").intent()).isEqualTo(Intent.FINE);
      assertThat(cmn("没有 没有 都 好", "living").intent()).isEqualTo(Intent.FINE);
    }

    @ParameterizedTest
    @CsvSource({"not bad, FINE", "not fine, UNWELL", "i don't feel well, UNWELL", "no pain, FINE"})
    void englishNegation(String text, Intent expected) {
      assertThat(en(text).intent()).isEqualTo(expected);
    }
  }

  @Nested
  class Hedges {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "还行", "还可以", "一般般", "老样子", "凑合", "马马虎虎", "还好吧", "挺好的", "好得很", "好多了", "身体还可以啦", "无事", "冇事",
          "我好好的", "哎呀，还好吧"
        })
    void hedgedAnswersAreFine(String text) {
      assertThat(cmn(text).intent()).isEqualTo(Intent.FINE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"不太好", "不怎么好", "不舒服", "有点艰苦", "脚痛", "头痛", "好难受"})
    void complaintsAreUnwell(String text) {
      assertThat(cmn(text).intent()).isEqualTo(Intent.UNWELL);
    }

    @Test
    void aComplaintAfterAConcessiveCounts() {
      assertThat(cmn("好是好，就是腿疼").intent()).isEqualTo(Intent.UNWELL);
    }

    @Test
    void aLaterRecoveryCancelsAnEarlierComplaint() {
      assertThat(cmn("前几天感冒，现在好多了").intent()).isEqualTo(Intent.FINE);
      assertThat(cmn("腿疼好多了，就是还有点头痛").intent()).isEqualTo(Intent.UNWELL);
    }

    @Test
    void haoBeforeAnotherWordMeansVery() {
      assertThat(cmn("好孤单").needs()).containsExactly(NeedKind.COMPANY);
      assertThat(cmn("好痛").intent()).isEqualTo(Intent.UNWELL);
    }
  }

  @Nested
  class Distress {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "救命", "快来人", "我摔倒了", "摔了一跤", "跌倒了", "起不来", "爬不起来", "胸口疼", "心口疼", "胸闷",
          "喘不上气", "透不过气", "头晕", "头好晕", "晕倒了", "流血了", "中风", "没饭吃", "没人管", "不想活了",
          "活着没意思", "想死", "帮帮我", "着火了", "煤气泄漏", "胸口有点闷", "煤气好像漏了", "打１２０"
        })
    void distressWordsAreHelp(String text) {
      assertThat(cmn(text).intent()).isEqualTo(Intent.HELP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"health", "living", "family", "safety", "needs"})
    void distressCountsWhateverTheQuestion(String question) {
      String answer = "都还好，孩子也常打电话，就是今天早上在厨房摔了一跤，到现在还起不来";
      assertThat(cmn(answer, question).intent()).isEqualTo(Intent.HELP);
      assertThat(CLASSIFIER.confirm("是我，我摔倒了", Language.CMN).answer())
          .isEqualTo(Confirmation.Answer.HELP);
    }

    @Test
    void aRecoveryDoesNotCancelDistress() {
      assertThat(cmn("前几天摔了一跤，现在好了").intent()).isEqualTo(Intent.HELP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"没有摔倒", "没摔", "不头晕", "头不晕", "没有胸闷", "煤气没有漏", "我没有跌倒，你放心"})
    void negatedDistressIsNotHelp(String text) {
      assertThat(cmn(text).intent()).isEqualTo(Intent.FINE);
    }

    @Test
    void negationIsNarrowSoLaterDistressStillCounts() {
      assertThat(cmn("没有摔倒，但是起不来").intent()).isEqualTo(Intent.HELP);
      assertThat(cmn("摔倒没有啊").intent()).isEqualTo(Intent.HELP);
    }

    @Test
    void suicidalTalkIsNeverNegated() {
      assertThat(cmn("我不想死").intent()).isEqualTo(Intent.HELP);
      assertThat(cmn("我不想活了").matched()).containsExactly("不想活了");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "help",
          "i fell",
          "i've fallen and i can't get up",
          "chest pain",
          "i can't breathe",
          "i feel dizzy",
          "i'm bleeding",
          "call an ambulance",
          "emergency"
        })
    void englishDistressIsHelp(String text) {
      assertThat(en(text).intent()).isEqualTo(Intent.HELP);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"i didn't fall", "i'm not dizzy", "no i haven't fallen", "i don't need help"})
    void englishNegatedDistressIsNotHelp(String text) {
      assertThat(en(text).intent()).isEqualTo(Intent.FINE);
    }
  }

  @Nested
  class Needs {

    @ParameterizedTest
    @CsvSource({
      "没米了, FOOD",
      "买不了菜, FOOD",
      "药吃完了, MEDICINE",
      "没药了, MEDICINE",
      "想去拿药, MEDICINE",
      "没钱, MONEY",
      "钱不够, MONEY",
      "低保的事, MONEY",
      "房子漏水, REPAIRS",
      "灯坏了, REPAIRS",
      "水管坏了, REPAIRS",
      "门锁坏了, REPAIRS",
      "没人说话, COMPANY",
      "孤单, COMPANY",
      "想孩子, COMPANY",
      "寂寞, COMPANY",
      "没人照顾, CARE",
      "要人帮忙洗澡, CARE",
      "有点困难, OTHER"
    })
    void needsHaveKinds(String text, NeedKind kind) {
      Understanding understanding = cmn(text);
      assertThat(understanding.intent()).isEqualTo(Intent.NEEDS);
      assertThat(understanding.needs()).containsExactly(kind);
    }

    @Test
    void otherOnlyWhenNothingMoreSpecific() {
      assertThat(cmn("想请你们帮忙拿药").needs()).containsExactly(NeedKind.MEDICINE);
    }

    @Test
    void needsAreKeptWithAComplaintAndWithDistress() {
      Understanding unwell = cmn("腿疼，药也吃完了");
      assertThat(unwell.intent()).isEqualTo(Intent.UNWELL);
      assertThat(unwell.needs()).containsExactly(NeedKind.MEDICINE);
      assertThat(cmn("家里没饭吃了").needs()).containsExactly(NeedKind.FOOD);
    }

    @Test
    void negatedNeedIsFine() {
      assertThat(cmn("不缺钱").intent()).isEqualTo(Intent.FINE);
      assertThat(cmn("没有困难").intent()).isEqualTo(Intent.FINE);
      assertThat(en("i don't need any medicine").intent()).isEqualTo(Intent.FINE);
    }
  }

  @Nested
  class QuestionContext {

    @ParameterizedTest
    @CsvSource({
      "health, 有, UNWELL, ",
      "health, 没有, FINE, ",
      "living, 有, NEEDS, OTHER",
      "family, 有, FINE, ",
      "family, 没有, NEEDS, COMPANY",
      "safety, 有, NEEDS, REPAIRS",
      "needs, 不用了, FINE, ",
      "needs, 有, NEEDS, OTHER"
    })
    void bareAnswersMeanWhatTheQuestionSays(
        String question, String text, Intent intent, NeedKind need) {
      Understanding understanding = cmn(text, question);
      assertThat(understanding.intent()).isEqualTo(intent);
      if (need != null) {
        assertThat(understanding.needs()).containsExactly(need);
      }
    }

    @Test
    void aBareAnswerWithoutQuestionIsUnclear() {
      assertThat(cmn("有").intent()).isEqualTo(Intent.UNCLEAR);
    }

    @Test
    void aGenericBadWordDependsOnTheQuestion() {
      assertThat(cmn("不太好", "health").intent()).isEqualTo(Intent.UNWELL);
      Understanding family = cmn("不太好", "family");
      assertThat(family.intent()).isEqualTo(Intent.NEEDS);
      assertThat(family.needs()).containsExactly(NeedKind.COMPANY);
    }

    @Test
    void aNoInsideALongerAnswerIsNotABareAnswer() {
      assertThat(cmn("耳朵背，听不太清", "health").intent()).isEqualTo(Intent.UNWELL);
    }

    @Test
    void identityAndUnknownQuestionsAreRefused() {
      assertThatThrownBy(() -> cmn("是我", "identity"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("confirm()");
      assertThatThrownBy(() -> cmn("好", "weather"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("weather");
    }
  }

  @Nested
  class SilenceAndNormalisation {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "。", "\t"})
    void noSpeechIsSilent(String text) {
      assertThat(cmn(text).intent()).isEqualTo(Intent.SILENT);
      assertThat(en(text).intent()).isEqualTo(Intent.SILENT);
    }

    @Test
    void nullIsSilent() {
      assertThat(cmn(null).intent()).isEqualTo(Intent.SILENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"嗯啊", "哎呀", "喂？", "你说什么"})
    void onlyFillersOrNothingKnownIsUnclear(String text) {
      assertThat(cmn(text).intent()).isEqualTo(Intent.UNCLEAR);
    }

    @Test
    void aBareThankYouIsNeverAConfidentAnswer() {
      // The rules find nothing; the model may read it as FINE, but then a person listens.
      assertThat(CLASSIFIER.rulesOnly("谢谢", Language.CMN, null).intent()).isEqualTo(Intent.UNCLEAR);
      assertThat(cmn("谢谢").review()).isNotEqualTo(Review.NONE);
    }

    @Test
    void voskSpacedOutputAndFullWidthTextAreNormalised() {
      Understanding spaced = cmn("我 很 好");
      assertThat(spaced.intent()).isEqualTo(Intent.FINE);
      assertThat(spaced.normalizedText()).isEqualTo("我很好");
      assertThat(cmn("我很好！").normalizedText()).isEqualTo("我很好");
      assertThat(en("I'm  FINE, thanks!").normalizedText()).isEqualTo("i'm fine thanks");
      assertThat(en("ＯＫ").intent()).isEqualTo(Intent.FINE);
    }

    @Test
    void matchedShowsTheDecidingTermsWithTheirNegators() {
      assertThat(cmn("没有摔倒，就是腿疼").matched()).containsExactly("腿疼");
      assertThat(cmn("没有摔倒").matched()).containsExactly("没有+摔倒");
    }
  }

  @Nested
  class Identity {

    @ParameterizedTest
    @CsvSource({
      "是我, CONFIRMED",
      "嗯, CONFIRMED",
      "对对对, CONFIRMED",
      "不是, DENIED",
      "打错了, DENIED",
      "嗯，他不在, DENIED",
      "我是她女儿, DENIED",
      "救命, HELP",
      "喂？, UNCLEAR",
      "'', SILENT"
    })
    void mandarin(String text, Confirmation.Answer expected) {
      assertThat(CLASSIFIER.confirm(text, Language.CMN).answer()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
      "yes speaking, CONFIRMED",
      "that's me, CONFIRMED",
      "wrong number, DENIED",
      "no she's not here, DENIED",
      "help me, HELP"
    })
    void english(String text, Confirmation.Answer expected) {
      assertThat(CLASSIFIER.confirm(text, Language.EN).answer()).isEqualTo(expected);
    }
  }

  @Nested
  class WordsNotSubstrings {

    @ParameterizedTest
    @ValueSource(strings = {"好多", "好几个", "好热啊"})
    void haoInsideAnotherWordIsNotFine(String text) {
      assertThat(CLASSIFIER.rulesOnly(text, Language.CMN, null).intent()).isNotEqualTo(Intent.FINE);
      Understanding u = cmn(text);
      assertThat(u.intent() == Intent.FINE && u.review() == Review.NONE)
          .as("a confident FINE for " + text)
          .isFalse();
    }

    @Test
    void aLotOfBloodIsHelpNotFine() {
      assertThat(cmn("阿公摔倒了，流了好多血").intent()).isEqualTo(Intent.HELP);
      assertThat(cmn("切到手了，流了好多血").intent()).isEqualTo(Intent.HELP);
    }

    @Test
    void degreeHaoInsideOneWordStillMeansVery() {
      assertThat(cmn("我好痛").intent()).isEqualTo(Intent.UNWELL);
      assertThat(cmn("我好痛").matched()).containsExactly("痛");
    }
  }

  @Nested
  class IssueTenReplies {

    @ParameterizedTest
    @ValueSource(
        strings = {"快叫一二零", "有人在撬我家的门", "快派人过来", "我吃错药了", "嘴巴歪了，讲话讲不清楚", "胸口像有石头压着，出冷汗", "家里没有吃的了"})
    void distressTheLexiconMissedIsHelp(String text) {
      assertThat(cmn(text, "health").intent()).isEqualTo(Intent.HELP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"耳朵听不见了", "手抖得厉害"})
    void commonComplaintsAreUnwell(String text) {
      assertThat(cmn(text, "health").intent()).isEqualTo(Intent.UNWELL);
    }

    @Test
    void noOneToTakeMeToHospitalIsACareNeed() {
      Understanding u = cmn("我要坐轮椅，没人带我去医院", "needs");
      assertThat(u.intent()).isEqualTo(Intent.NEEDS);
      assertThat(u.needs()).containsExactly(NeedKind.CARE);
    }
  }

  @Nested
  class ReviewVerdict {

    @Test
    void understoodByRulesAndModelNeedsNoReview() {
      assertThat(cmn("我很好", "health").review()).isEqualTo(Review.NONE);
    }

    @Test
    void notUnderstoodIsListenedToLater() {
      assertThat(cmn("嗯啊", "health").review()).isEqualTo(Review.LISTEN);
    }

    @Test
    void distressLikeEvidenceIsUrgentAndNeverFine() {
      Understanding u = cmn("手上有血", "health");
      assertThat(u.review()).isEqualTo(Review.URGENT);
      assertThat(u.alarms()).contains("血");
      assertThat(cmn("还好，手上有血", "health").intent()).isNotEqualTo(Intent.FINE);
    }

    @Test
    void theModelSuspectingDistressIsUrgent() {
      Understanding rules =
          new Understanding(
              Intent.UNWELL, Set.of(), List.of("站不稳"), "站不稳", Review.NONE, List.of(), null);
      Understanding.ModelOpinion suspicious =
          new Understanding.ModelOpinion(Intent.HELP, 0.5, ReviewPolicy.HELP_SUSPECTED);
      Understanding u = ReviewPolicy.DEFAULT.decide(rules, suspicious, List.of(), null);
      assertThat(u.intent()).isEqualTo(Intent.UNWELL);
      assertThat(u.review()).isEqualTo(Review.URGENT);
      Understanding.ModelOpinion calm =
          new Understanding.ModelOpinion(Intent.UNWELL, 0.9, ReviewPolicy.HELP_SUSPECTED / 2);
      assertThat(ReviewPolicy.DEFAULT.decide(rules, calm, List.of(), null).review())
          .isEqualTo(Review.NONE);
    }

    @Test
    void aModelSureOfDistressTheRulesMissedMakesItHelpStillReviewedUrgent() {
      Understanding unplaced =
          new Understanding(
              Intent.UNCLEAR, Set.of(), List.of(), "三天冇食饭米缸空了", Review.LISTEN, List.of(), null);
      Understanding.ModelOpinion sure =
          new Understanding.ModelOpinion(Intent.HELP, 0.8, ReviewPolicy.MODEL_HELP);
      Understanding u = ReviewPolicy.DEFAULT.decide(unplaced, sure, List.of(), null);
      assertThat(u.intent()).isEqualTo(Intent.HELP);
      assertThat(u.review()).as("a model, not a rule, decided").isEqualTo(Review.URGENT);
      Understanding.ModelOpinion lessSure =
          new Understanding.ModelOpinion(Intent.HELP, 0.6, ReviewPolicy.MODEL_HELP - 0.05);
      Understanding u2 = ReviewPolicy.DEFAULT.decide(unplaced, lessSure, List.of(), null);
      assertThat(u2.intent()).isEqualTo(Intent.UNCLEAR);
      assertThat(u2.review()).isEqualTo(Review.URGENT);

      Understanding complaint =
          new Understanding(
              Intent.UNWELL, Set.of(), List.of("发烧"), "发烧", Review.NONE, List.of(), null);
      assertThat(ReviewPolicy.DEFAULT.decide(complaint, sure, List.of(), null).intent())
          .as("a complaint the rules found needs a surer model")
          .isEqualTo(Intent.UNWELL);
      Understanding.ModelOpinion surer =
          new Understanding.ModelOpinion(Intent.HELP, 0.9, ReviewPolicy.MODEL_HELP_OVER_ANSWER);
      assertThat(ReviewPolicy.DEFAULT.decide(complaint, surer, List.of(), null).intent())
          .isEqualTo(Intent.HELP);
      Understanding.ModelOpinion readsNeeds =
          new Understanding.ModelOpinion(Intent.NEEDS, 0.95, 0.04);
      assertThat(ReviewPolicy.DEFAULT.decide(unplaced, readsNeeds, List.of(), null).intent())
          .as("the model's best reading is not distress: never HELP")
          .isEqualTo(Intent.NEEDS);
    }

    @Test
    void aLexiconHelpIsHelpUnlessTheDemotionRowIsOnAndTheModelIsSureOfAnotherAnswer() {
      Understanding rules =
          new Understanding(
              Intent.HELP,
              Set.of(NeedKind.FOOD),
              List.of("冰箱空空"),
              "冰箱空空的想请人帮忙买菜",
              Review.NONE,
              List.of(),
              null);
      Understanding.ModelOpinion needs = new Understanding.ModelOpinion(Intent.NEEDS, 0.995, 0.003);
      Understanding off = ReviewPolicy.DEFAULT.decide(rules, needs, List.of(), null);
      assertThat(off.intent()).as("off by default").isEqualTo(Intent.HELP);
      assertThat(off.review()).isEqualTo(Review.NONE);

      ReviewPolicy on =
          ReviewPolicy.DEFAULT.withDemotion(ReviewPolicy.DEMOTE, ReviewPolicy.DEMOTE_HELP_BELOW);
      Understanding demoted = on.decide(rules, needs, List.of(), null);
      assertThat(demoted.intent()).isEqualTo(Intent.NEEDS);
      assertThat(demoted.needs()).containsExactly(NeedKind.FOOD);
      assertThat(demoted.review()).as("a person still listens quickly").isEqualTo(Review.URGENT);
      assertThat(demoted.matched()).containsExactly("冰箱空空");

      Understanding.ModelOpinion lessSure =
          new Understanding.ModelOpinion(Intent.NEEDS, ReviewPolicy.DEMOTE - 0.01, 0.003);
      assertThat(on.decide(rules, lessSure, List.of(), null).intent()).isEqualTo(Intent.HELP);
      Understanding.ModelOpinion readsHelp =
          new Understanding.ModelOpinion(Intent.HELP, 0.999, 0.999);
      assertThat(on.decide(rules, readsHelp, List.of(), null).intent()).isEqualTo(Intent.HELP);
      assertThat(on.decide(rules, null, List.of(), null).intent())
          .as("no model: the rules decide")
          .isEqualTo(Intent.HELP);
      assertThat(
              on.forModelOf(ReviewPolicy.OVERRULE_MIN_EXAMPLES - 1)
                  .decide(rules, needs, List.of(), null)
                  .intent())
          .as("a small model never demotes")
          .isEqualTo(Intent.HELP);
    }

    @Test
    void theDemotionRowNeverTouchesTheIdentityQuestion() {
      IntentClassifier demoting =
          CLASSIFIER.withPolicy(ReviewPolicy.DEFAULT.withDemotion(0, 1)); // whenever it could
      String text = "脚上长疮 好不了"; // 长疮 is HELP in the lexicon; the model reads UNWELL
      assertThat(demoting.classify(text, Language.CMN, "health").intent())
          .as("the row applies at a question about the elder")
          .isEqualTo(Intent.UNWELL);
      IntentClassifier.Interpretation reading = demoting.interpret(text, Language.CMN, "identity");
      assertThat(reading.confirmation().orElseThrow().answer()).isEqualTo(Confirmation.Answer.HELP);
      assertThat(reading.understanding().intent()).isEqualTo(Intent.HELP);
    }

    @Test
    void anUnplacedReplyWithEvidenceShowsTheModelsAnswerButStaysUrgent() {
      Understanding unplaced =
          new Understanding(
              Intent.UNCLEAR, Set.of(), List.of(), "墙上裂了条缝我怕", Review.LISTEN, List.of(), null);
      Understanding.ModelOpinion needs = new Understanding.ModelOpinion(Intent.NEEDS, 0.6, 0.1);
      Understanding u = ReviewPolicy.DEFAULT.decide(unplaced, needs, List.of("怕"), null);
      assertThat(u.intent()).isEqualTo(Intent.NEEDS);
      assertThat(u.review()).isEqualTo(Review.URGENT);
    }

    @Test
    void aComplaintTheModelReadsAsANeedNeedsASurerModel() {
      Understanding complaint =
          new Understanding(
              Intent.UNWELL, Set.of(), List.of("腰痛"), "腰痛要人帮忙买药", Review.NONE, List.of(), null);
      Understanding.ModelOpinion needs =
          new Understanding.ModelOpinion(Intent.NEEDS, ReviewPolicy.OVERRULE, 0.05);
      assertThat(ReviewPolicy.DEFAULT.decide(complaint, needs, List.of(), null).intent())
          .isEqualTo(Intent.UNWELL);
      Understanding.ModelOpinion surer =
          new Understanding.ModelOpinion(
              Intent.NEEDS, ReviewPolicy.OVERRULE_COMPLAINT_AS_NEED, 0.05);
      Understanding u = ReviewPolicy.DEFAULT.decide(complaint, surer, List.of(), null);
      assertThat(u.intent()).isEqualTo(Intent.NEEDS);
      assertThat(u.review()).isEqualTo(Review.LISTEN);
      Understanding.ModelOpinion unclear =
          new Understanding.ModelOpinion(Intent.UNCLEAR, ReviewPolicy.OVERRULE, 0.05);
      assertThat(ReviewPolicy.DEFAULT.decide(complaint, unclear, List.of(), null).intent())
          .as("another answer needs only the overrule confidence")
          .isEqualTo(Intent.UNCLEAR);
      Understanding.ModelOpinion fine =
          new Understanding.ModelOpinion(Intent.FINE, ReviewPolicy.OVERRULE, 0.05);
      assertThat(ReviewPolicy.DEFAULT.decide(complaint, fine, List.of(), null).intent())
          .as("a complaint read as fine needs a surer model too (还没好)")
          .isEqualTo(Intent.UNWELL);
      Understanding.ModelOpinion surelyFine =
          new Understanding.ModelOpinion(
              Intent.FINE, ReviewPolicy.OVERRULE_COMPLAINT_AS_FINE, 0.05);
      assertThat(ReviewPolicy.DEFAULT.decide(complaint, surelyFine, List.of(), null).intent())
          .isEqualTo(Intent.FINE);
    }

    @Test
    void atTheIdentityQuestionTheModelReadsConfirmationsAndMayChangeTheRulesAnswer() {
      ReviewPolicy p = ReviewPolicy.DEFAULT;
      IntentModel.ConfirmationOpinion unclear =
          new IntentModel.ConfirmationOpinion(
              Confirmation.Answer.UNCLEAR, ReviewPolicy.CONFIRMED_AS_UNCLEAR, 0.01);
      assertThat(p.confirmed(Confirmation.Answer.CONFIRMED, unclear, List.of()))
          .as("你是卖保险的吧: the rules hear 是")
          .isEqualTo(Confirmation.Answer.UNCLEAR);
      assertThat(p.confirmed(Confirmation.Answer.CONFIRMED, unclear, List.of("怕")))
          .as("never with distress-like evidence")
          .isEqualTo(Confirmation.Answer.CONFIRMED);
      IntentModel.ConfirmationOpinion denied =
          new IntentModel.ConfirmationOpinion(Confirmation.Answer.DENIED, 0.85, 0.01);
      assertThat(p.confirmed(Confirmation.Answer.UNCLEAR, denied, List.of()))
          .as("below the threshold")
          .isEqualTo(Confirmation.Answer.UNCLEAR);
      assertThat(p.confirmed(Confirmation.Answer.CONFIRMED, denied, List.of()))
          .as("a yes the model reads as a denial stays a yes")
          .isEqualTo(Confirmation.Answer.CONFIRMED);
      IntentModel.ConfirmationOpinion help =
          new IntentModel.ConfirmationOpinion(
              Confirmation.Answer.HELP, ReviewPolicy.IDENTITY_HELP, ReviewPolicy.IDENTITY_HELP);
      assertThat(p.confirmed(Confirmation.Answer.CONFIRMED, help, List.of()))
          .isEqualTo(Confirmation.Answer.HELP);
      IntentModel.ConfirmationOpinion confirmed =
          new IntentModel.ConfirmationOpinion(Confirmation.Answer.CONFIRMED, 0.99, 0.0);
      assertThat(p.confirmed(Confirmation.Answer.HELP, confirmed, List.of()))
          .as("the rules' HELP always stays")
          .isEqualTo(Confirmation.Answer.HELP);
      assertThat(
              p.forModelOf(ReviewPolicy.OVERRULE_MIN_EXAMPLES - 1)
                  .confirmed(Confirmation.Answer.CONFIRMED, unclear, List.of()))
          .as("a small model never changes the answer")
          .isEqualTo(Confirmation.Answer.CONFIRMED);
    }

    @Test
    void aPlainConfirmationIsNotSuspectedOfDistressNowThatTheModelLearnsConfirmations() {
      IntentClassifier.Interpretation plain =
          CLASSIFIER.interpret("是啊 我就是", Language.CMN, "identity");
      assertThat(plain.confirmation().orElseThrow().answer())
          .isEqualTo(Confirmation.Answer.CONFIRMED);
      assertThat(plain.understanding().review()).isEqualTo(Review.NONE);
      assertThat(plain.understanding().model().help()).isLessThan(ReviewPolicy.HELP_SUSPECTED);
      IntentClassifier.Interpretation breathless =
          CLASSIFIER.interpret("是我 我喘不过气来了", Language.CMN, "identity");
      assertThat(breathless.confirmation().orElseThrow().answer())
          .isEqualTo(Confirmation.Answer.HELP);
      assertThat(breathless.understanding().intent()).isEqualTo(Intent.HELP);
    }

    @Test
    void aSureModelOverrulesTheRulesButAPersonListens() {
      Understanding rules =
          new Understanding(
              Intent.NEEDS,
              Set.of(NeedKind.OTHER),
              List.of("是"),
              "你们是哪里的",
              Review.NONE,
              List.of(),
              null);
      Understanding.ModelOpinion sure =
          new Understanding.ModelOpinion(Intent.UNCLEAR, ReviewPolicy.OVERRULE, 0.0);
      Understanding u = ReviewPolicy.DEFAULT.decide(rules, sure, List.of(), null);
      assertThat(u.intent()).isEqualTo(Intent.UNCLEAR);
      assertThat(u.needs()).isEmpty();
      assertThat(u.review()).isEqualTo(Review.LISTEN);
      Understanding.ModelOpinion unsure =
          new Understanding.ModelOpinion(Intent.UNCLEAR, ReviewPolicy.OVERRULE - 0.1, 0.0);
      assertThat(ReviewPolicy.DEFAULT.decide(rules, unsure, List.of(), null).intent())
          .isEqualTo(Intent.NEEDS);
      assertThat(ReviewPolicy.DEFAULT.decide(rules, sure, List.of("血"), null).intent())
          .as("never overruled with distress-like evidence")
          .isEqualTo(Intent.NEEDS);
    }

    @Test
    void helpIsActedOnByItsIntent() {
      Understanding u = cmn("救命", "health");
      assertThat(u.intent()).isEqualTo(Intent.HELP);
      assertThat(u.review()).isEqualTo(Review.NONE);
    }
  }

  @Nested
  class NeedsOnlyWhereAsked {

    @Test
    void anIdentityReplyNeverBecomesANeed() {
      String text = "是我，药吃完了";
      IntentClassifier.Interpretation identity =
          CLASSIFIER.interpret(text, Language.CMN, "identity");
      assertThat(identity.confirmation().orElseThrow().answer())
          .isEqualTo(Confirmation.Answer.CONFIRMED);
      assertThat(identity.understanding().needs()).isEmpty();
      assertThat(cmn(text, "health").needs()).containsExactly(NeedKind.MEDICINE);
      assertThat(cmn(text).needs()).containsExactly(NeedKind.MEDICINE);
    }
  }

  @Nested
  class Cost {

    @Test
    void readingGrowsLinearlyWithTheText() {
      String clause = "还好吧，就是腿有点疼，药也快吃完了，没有摔倒。"; // 24 characters
      String short200 = clause.repeat(200 / clause.length() + 1).substring(0, 200);
      String long2000 = clause.repeat(2000 / clause.length() + 1).substring(0, 2000);
      long small = CLASSIFIER.steps(short200, Language.CMN);
      long large = CLASSIFIER.steps(long2000, Language.CMN);
      assertThat(small).isPositive();
      assertThat(large).isLessThanOrEqualTo(12 * small); // 10× the text: ≈10× the steps
    }
  }
}
