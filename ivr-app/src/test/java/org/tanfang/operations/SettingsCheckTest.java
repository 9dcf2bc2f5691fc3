package org.tanfang.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.tanfang.TanfangApplication;
import org.tanfang.operations.InconsistentSettingsException.SettingsProblem;

/** Start-up refuses settings that contradict each other, naming every property involved. */
class SettingsCheckTest {

  private static List<SettingsProblem> problems(Map<String, Object> properties) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return SettingsCheck.problems(SettingsCheck.Settings.from(env));
  }

  @Test
  void shouldAcceptTheDefaults() {
    assertThat(problems(Map.of())).isEmpty();
  }

  @Test
  void shouldRefuseFewerConversationsThanChannels() {
    List<SettingsProblem> found =
        problems(
            Map.of(
                "tanfang.telephony.ami.host", "pbx.example",
                "tanfang.telephony.ami.channel-limit", "300",
                "tanfang.telephony.pbx[0].host", "pbx2.example",
                "tanfang.telephony.pbx[0].name", "pbx2",
                "tanfang.telephony.pbx[0].channel-limit", "50",
                "tanfang.telephony.agi.max-calls", "100"));

    assertThat(found).hasSize(1);
    assertThat(found.get(0).properties())
        .containsExactly(
            "tanfang.telephony.agi.max-calls",
            "tanfang.telephony.ami.channel-limit",
            "tanfang.telephony.pbx[0].channel-limit");
    assertThat(found.get(0).message()).contains("(100)", "(350)", "at least 350");
  }

  @Test
  void shouldCountTheSimulatorsChannelsInDevMode() {
    assertThat(
            problems(
                Map.of(
                    "tanfang.telephony.simulator.channel-limit", "20",
                    "tanfang.telephony.agi.max-calls", "10")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.properties())
                    .containsExactly(
                        "tanfang.telephony.agi.max-calls",
                        "tanfang.telephony.simulator.channel-limit"));
  }

  @Test
  void shouldReportEveryBadWindowAndSettingAtOnce() {
    List<SettingsProblem> found =
        problems(
            Map.of(
                "tanfang.scheduler.call-windows", "20:30-21:30",
                "tanfang.scheduler.family-call-windows", "9-11",
                "tanfang.scheduler.district-call-windows.Atlantis", "09:00-11:00",
                "tanfang.scheduler.district-call-windows.[美兰区]", "12:10-14:00",
                "tanfang.scheduler.spread-share", "1.5",
                "tanfang.escalation.transfer-timeout", "30m",
                "tanfang.telephony.max-call-duration", "20m",
                "tanfang.telephony.dial-threads", "0"));

    assertThat(found)
        .extracting(p -> p.properties().get(0))
        .containsExactlyInAnyOrder(
            "tanfang.escalation.transfer-timeout",
            "tanfang.scheduler.call-windows",
            "tanfang.scheduler.family-call-windows",
            "tanfang.scheduler.district-call-windows.Atlantis",
            "tanfang.scheduler.district-call-windows.美兰区",
            "tanfang.scheduler.spread-share",
            "tanfang.telephony.dial-threads");
    assertThat(found)
        .filteredOn(p -> p.properties().get(0).endsWith("Atlantis"))
        .singleElement()
        .satisfies(p -> assertThat(p.properties()).contains("tanfang.registry.districts"));
    assertThat(found)
        .filteredOn(p -> p.properties().get(0).equals("tanfang.scheduler.call-windows"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("20:30-21:30", "quiet hours"));
  }

  @Test
  void shouldRefuseToStartBeforeTheDatabaseAndSaySo() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(TanfangApplication.class)
                    .profiles("test")
                    .run(
                        "--server.port=0",
                        "--tanfang.telephony.agi.max-calls=4",
                        "--tanfang.scheduler.call-windows=06:00-07:30"))
        .isInstanceOfSatisfying(
            InconsistentSettingsException.class,
            e -> {
              assertThat(e.problems()).hasSize(2);
              assertThat(e.getMessage())
                  .contains(
                      "tanfang.telephony.agi.max-calls, tanfang.telephony.simulator.channel-limit",
                      "tanfang.scheduler.call-windows: window 06:00-07:30");
              FailureAnalysis analysis = new InconsistentSettingsFailureAnalyzer().analyze(e);
              assertThat(analysis.getDescription()).isEqualTo(e.getMessage());
              assertThat(analysis.getAction()).contains("Correct the properties");
            });
  }
}
