package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  @Test
  void parsesCalleesDefaultAndRandomMix() {
    String json =
        """
        {
          "callees": {
            "13800000001": {"answerAfterMs": 1500, "replies": [
               {"press": "1", "delayMs": 300}, {"silence": true},
               {"say": "audio/yes.wav", "endKey": "#"}, {"hangup": true}],
               "then": {"press": "2"}, "hangupAfterCommands": 9},
            "13800000002": {"pickup": "busy"},
            "13800000003": {"pickup": "no-answer"}
          },
          "default": {"answerAfterSeconds": 0.5, "then": {"press": "1"}},
          "random": {"seed": 7, "mix": [
            {"weight": 1, "callee": {"pickup": "busy"}},
            {"weight": 3, "callee": {"pickup": "answer"}}]}
        }
        """;
    Scenario s = Scenario.parse(json, Path.of("/scenarios"));

    CalleeScript one = s.callees().get("13800000001");
    assertThat(one.pickup()).isEqualTo(CalleeScript.Pickup.ANSWER);
    assertThat(one.answerDelayMs()).isEqualTo(1500);
    assertThat(one.replies())
        .containsExactly(
            new CalleeReply.Digits("1", 300),
            new CalleeReply.Silence(0),
            new CalleeReply.Recording(Path.of("/scenarios/audio/yes.wav"), '#', 0),
            new CalleeReply.Hangup(0));
    assertThat(one.whenExhausted()).isEqualTo(new CalleeReply.Digits("2", 0));
    assertThat(one.hangupAfterCommands()).isEqualTo(9);
    assertThat(s.callees().get("13800000002").pickup()).isEqualTo(CalleeScript.Pickup.BUSY);
    assertThat(s.callees().get("13800000003").pickup()).isEqualTo(CalleeScript.Pickup.NO_ANSWER);
    assertThat(s.defaultCallee().answerDelayMs()).isEqualTo(500);
    assertThat(s.randomMix()).isNotNull();
  }

  @Test
  void rejectsUnknownPickupsAndReplies() {
    assertThatThrownBy(() -> Scenario.parse("{\"callees\":{\"1\":{\"pickup\":\"maybe\"}}}", null))
        .isInstanceOf(Scenario.Invalid.class)
        .hasMessageContaining("callees.1: unknown pickup 'maybe'");
    assertThatThrownBy(
            () -> Scenario.parse("{\"callees\":{\"1\":{\"replies\":[{\"sing\":1}]}}}", null))
        .isInstanceOf(Scenario.Invalid.class)
        .hasMessageContaining("callees.1.replies[0]");
    assertThatThrownBy(() -> Scenario.parse("{\"callees\": [", null))
        .isInstanceOf(Scenario.Invalid.class);
  }

  @Test
  void parsesTheCarriersSipAnswer() {
    Scenario s =
        Scenario.parse(
            """
            {"callees": {"1": {"pickup": "reject", "sipStatus": 486, "provisional": 183},
                         "2": {"pickup": "declined"}}}
            """,
            null);
    assertThat(s.callees().get("1").sipReply()).isEqualTo(SipReply.after(183, 486));
    assertThat(s.callees().get("2").sipReply()).isEqualTo(new SipReply(180, SipResponse.DECLINE));
    assertThatThrownBy(() -> Scenario.parse("{\"callees\":{\"1\":{\"pickup\":\"reject\"}}}", null))
        .isInstanceOf(Scenario.Invalid.class)
        .hasMessageContaining("sipStatus");
    assertThatThrownBy(
            () ->
                Scenario.parse(
                    "{\"callees\":{\"1\":{\"pickup\":\"reject\",\"sipStatus\":200}}}", null))
        .isInstanceOf(Scenario.Invalid.class)
        .hasMessageContaining("200");
    assertThatThrownBy(
            () ->
                Scenario.parse(
                    "{\"callees\":{\"1\":{\"pickup\":\"busy\",\"sipStatus\":486}}}", null))
        .isInstanceOf(Scenario.Invalid.class);
  }

  @Test
  void theShippedExampleParses() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/asterisk-sim/example-callees.json")) {
      assertThat(in).isNotNull();
      Scenario s = Scenario.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
      assertThat(s.callees()).containsKeys("13800000001", "13800000002", "13800000003");
    }
  }

  @Test
  void randomMixIsWeightedAndRepeatableBySeed() {
    List<CalleeScript.Pickup> first = draw(42);
    assertThat(draw(42)).isEqualTo(first);
    long busy = first.stream().filter(p -> p == CalleeScript.Pickup.BUSY).count();
    assertThat(busy).isBetween(150L, 350L);
  }

  private static List<CalleeScript.Pickup> draw(long seed) {
    RandomCallees mix =
        RandomCallees.builder()
            .seed(seed)
            .add(CalleeScript.busy(), 1)
            .add(CalleeScript.answers().build(), 3)
            .build();
    List<CalleeScript.Pickup> out = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      out.add(mix.next().pickup());
    }
    return out;
  }
}
