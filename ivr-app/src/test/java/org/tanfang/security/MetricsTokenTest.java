package org.tanfang.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The scrape token must be long enough to guess at; start-up says which setting is wrong. */
class MetricsTokenTest {
  @Test
  void givenAShortToken_whenStarting_thenRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new MetricsToken("secret"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tanfang.metrics.token")
        .hasMessageContaining("TANFANG_METRICS_TOKEN")
        .hasMessageContaining(String.valueOf(MetricsToken.MIN_LENGTH));
  }

  @Test
  void givenNoTokenOrALongOne_whenStarting_thenAccepted() {
    assertThatCode(() -> new MetricsToken("")).doesNotThrowAnyException();
    assertThatCode(() -> new MetricsToken(null)).doesNotThrowAnyException();
    assertThatCode(() -> new MetricsToken("x".repeat(MetricsToken.MIN_LENGTH)))
        .doesNotThrowAnyException();
  }
}
