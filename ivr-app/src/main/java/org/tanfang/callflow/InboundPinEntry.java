package org.tanfang.callflow;

import java.util.List;
import java.util.Optional;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.springframework.stereotype.Component;
import org.tanfang.callflow.InboundCallers.Caller;

/**
 * A caller from an unknown or withheld number names the elder by keypad: the elder's registered
 * phone number or the ID number's last four, then the elder's phone PIN (GET DATA, ended by # or
 * the timeout). One retry of both; the caller never hears which part was wrong. Key 0 or 9 alone at
 * either prompt, no entry, or a second wrong pair: nobody (the staff queue).
 */
@Component
class InboundPinEntry {
  private static final int WHO_KEYS = 12; // a Haikou landline with its area code
  private static final int PIN_KEYS = 6;
  private static final long TIMEOUT_MS = 10_000;

  private final InboundCallers callers;
  private final PhonePins pins;

  InboundPinEntry(InboundCallers callers, PhonePins pins) {
    this.callers = callers;
    this.pins = pins;
  }

  Optional<Caller> identify(AgiChannel channel, Conversation.Tools tools)
      throws AgiException, HungUp {
    if (!tools.visits().within("Inbound call: any PIN set", pins::anySet)) {
      return Optional.empty(); // nobody has a PIN yet: staff at once, as before PINs
    }
    String dialect = Prompts.MANDARIN;
    List<String> asks =
        List.of(
            tools.prompts().path("inbound-pin-who", dialect),
            tools.prompts().path("inbound-pin-retry", dialect));
    for (String ask : asks) {
      String who = keys(channel, ask, WHO_KEYS);
      if (who == null) {
        return Optional.empty();
      }
      String pin = keys(channel, tools.prompts().path("inbound-pin", dialect), PIN_KEYS);
      if (pin == null) {
        return Optional.empty();
      }
      // Who the keys name and their open PINs: one read within the budget.
      Named named =
          tools
              .visits()
              .within(
                  "Inbound call: PIN holders",
                  () -> {
                    List<Caller> c = callers.withPinNamedBy(who);
                    return new Named(c, pins.open(c.stream().map(Caller::elderId).toList()));
                  });
      // The hash comparison is slow by design (CPU, not the database): outside the budget.
      List<Long> matching = pins.matching(named.pins(), pin);
      // The verdict's writes (failure count, lock and its audit row; or the count back to 0): one
      // transaction within the budget. Late or failed: staff (InboundLine), nothing half-written.
      Optional<Long> elder =
          tools
              .visits()
              .within("Inbound call: PIN verdict", () -> pins.settle(named.pins(), matching));
      if (elder.isPresent()) {
        return named.callers().stream().filter(c -> c.elderId() == elder.get()).findFirst();
      }
    }
    return Optional.empty();
  }

  /** The elders the caller's keys named, and their PINs that are not locked. */
  private record Named(List<Caller> callers, PhonePins.Open pins) {}

  /** The keys entered; null when the caller asked for staff (0 or 9 alone) or entered nothing. */
  private static String keys(AgiChannel channel, String prompt, int max)
      throws AgiException, HungUp {
    String keys = channel.getData(prompt, TIMEOUT_MS, max);
    if ("-1".equals(keys)) {
      throw new HungUp();
    }
    if (keys == null || keys.isEmpty() || "0".equals(keys) || "9".equals(keys)) {
      return null;
    }
    return keys;
  }
}
