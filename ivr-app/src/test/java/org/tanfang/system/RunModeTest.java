package org.tanfang.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

class RunModeTest {

  @Test
  void devWhenNoDatabaseUrlIsSetProductionOtherwise() {
    assertThat(RunMode.of(new MockEnvironment())).isEqualTo(RunMode.DEV);
    assertThat(RunMode.of(env("spring.datasource.url", " "))).isEqualTo(RunMode.DEV);
    assertThat(RunMode.of(env("spring.datasource.url", "jdbc:postgresql://db/tanfang")))
        .isEqualTo(RunMode.PRODUCTION);
  }

  @Test
  void autoSwitchesFollowTheRunModeExplicitOnesDecide() {
    assertThat(RunMode.DEV.resolve("auto")).isTrue();
    assertThat(RunMode.DEV.resolve(" AUTO ")).isTrue();
    assertThat(RunMode.PRODUCTION.resolve("auto")).isFalse();
    assertThat(RunMode.PRODUCTION.resolve("true")).isTrue();
    assertThat(RunMode.DEV.resolve("false")).isFalse();
  }

  @Test
  void simulatorRunsInDevModeWithoutAPbxOnly() {
    assertThat(RunMode.simulated(new MockEnvironment())).isTrue();
    assertThat(RunMode.simulated(env("tanfang.telephony.ami.host", "pbx.local"))).isFalse();
    assertThat(RunMode.simulated(env("tanfang.telephony.pbx[0].host", "pbx2.local"))).isFalse();
    assertThat(RunMode.simulated(env("spring.datasource.url", "jdbc:postgresql://db/t"))).isFalse();
    assertThat(
            RunMode.simulated(
                env("spring.datasource.url", "jdbc:postgresql://db/t")
                    .withProperty("tanfang.telephony.simulator.enabled", "true")))
        .isTrue();
    assertThat(RunMode.simulated(env("tanfang.telephony.simulator.enabled", "false"))).isFalse();
  }

  @Test
  void simulatorBeansFollowTheSimulatorOrTheirOwnSwitch() {
    ApplicationContextRunner runner =
        new ApplicationContextRunner().withUserConfiguration(Beans.class);
    runner.run(c -> assertThat(c).hasBean("simulatorOnly").hasBean("demoCaller"));
    runner
        .withPropertyValues("tanfang.telephony.ami.host=pbx.local")
        .run(c -> assertThat(c).doesNotHaveBean("simulatorOnly").doesNotHaveBean("demoCaller"));
    runner
        .withPropertyValues("tanfang.demo.caller.enabled=false")
        .run(c -> assertThat(c).hasBean("simulatorOnly").doesNotHaveBean("demoCaller"));
  }

  private static MockEnvironment env(String key, String value) {
    return new MockEnvironment().withProperty(key, value);
  }

  @Configuration(proxyBeanMethods = false)
  static class Beans {
    @Bean
    @ConditionalOnSimulator
    String simulatorOnly() {
      return "sim";
    }

    @Bean
    @ConditionalOnSimulator(switchProperty = "tanfang.demo.caller.enabled")
    String demoCaller() {
      return "demo";
    }
  }
}
