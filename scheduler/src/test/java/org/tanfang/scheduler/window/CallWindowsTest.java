package org.tanfang.scheduler.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tanfang.scheduler.Haikou;

class CallWindowsTest {

  private final CallWindows defaults = CallWindows.defaults();

  /** Local Haikou time 2026-03-10THH:mm as an instant. */
  private static Instant local(String dateTime) {
    return java.time.LocalDateTime.parse(dateTime).atZone(Haikou.ZONE).toInstant();
  }

  @ParameterizedTest(name = "{0} allowed: {1}")
  @CsvSource({
    "2026-03-10T08:59:59, false",
    "2026-03-10T09:00, true",
    "2026-03-10T11:29:59, true",
    "2026-03-10T11:30, false",
    "2026-03-10T13:00, false",
    "2026-03-10T15:00, true",
    "2026-03-10T17:30, false",
  })
  void shouldAllowCallsOnlyInsideTheDefaultWindows(String localTime, boolean allowed) {
    assertThat(defaults.allows(local(localTime))).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "2026-03-10T07:00, 2026-03-10T09:00",
    "2026-03-10T10:15, 2026-03-10T10:15",
    "2026-03-10T11:30, 2026-03-10T15:00",
    "2026-03-10T17:45, 2026-03-11T09:00",
    "2026-03-31T23:59, 2026-04-01T09:00",
  })
  void shouldFindTheNextAllowedInstant(String at, String expected) {
    assertThat(defaults.nextAllowed(local(at))).isEqualTo(local(expected));
  }

  @Test
  void shouldUseHaikouTimeForUtcInstants() {
    // 01:00Z is 09:00 in Haikou: the window has just opened.
    assertThat(defaults.allows(Instant.parse("2026-03-10T01:00:00Z"))).isTrue();
    assertThat(defaults.nextAllowed(Instant.parse("2026-03-09T23:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-10T01:00:00Z"));
  }

  @Test
  void shouldClipAnElderWindowToTheQuietHours() {
    CallWindows elder =
        defaults.forElder(
            List.of(CallWindow.parse("07:00-13:00"), CallWindow.parse("19:00-21:00")));

    assertThat(elder.windows())
        .containsExactly(CallWindow.of("08:00", "12:00"), CallWindow.of("19:00", "20:00"));
    assertThat(elder.allows(local("2026-03-10T12:30"))).isFalse();
    assertThat(elder.nextAllowed(local("2026-03-10T20:00"))).isEqualTo(local("2026-03-11T08:00"));
  }

  @Test
  void shouldSplitAWindowSpanningTheMiddayRest() {
    CallWindows spanning = defaults.forElder(List.of(CallWindow.parse("11:00-16:00")));

    assertThat(spanning.windows())
        .containsExactly(CallWindow.of("11:00", "12:00"), CallWindow.of("14:30", "16:00"));
  }

  @Test
  void shouldMergeOverlappingWindowsSoEqualConfigurationsAreEqual() {
    CallWindows overlapping =
        defaults.forElder(
            List.of(CallWindow.parse("09:00-10:00"), CallWindow.parse("09:30-11:30")));

    assertThat(overlapping).isEqualTo(defaults.forElder(List.of(CallWindow.parse("09:00-11:30"))));
  }

  @Test
  void shouldKeepTheDistrictWindowsWhenTheElderHasNone() {
    assertThat(defaults.forElder(List.of())).isSameAs(defaults);
  }

  @Test
  void shouldRejectAWindowInsideTheQuietHours() {
    assertThatThrownBy(() -> defaults.forElder(List.of(CallWindow.parse("12:30-14:00"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Call window 12:30–14:00 lies entirely in the quiet hours");
  }

  @Test
  void shouldRejectAWindowThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> CallWindow.parse("17:00-09:00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Call window 17:00–09:00 is invalid: it must end after it starts");
  }

  @Test
  void shouldRejectUnreadableWindowText() {
    assertThatThrownBy(() -> CallWindow.parse("nine to five"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected HH:mm-HH:mm");
  }

  @Test
  void shouldRejectNoWindowsAtAll() {
    assertThatThrownBy(() -> new CallWindows(Haikou.ZONE, List.of()))
        .hasMessageContaining("At least one call window");
  }
}
