package org.tanfang.simulator;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;

/**
 * How each demo elder behaves on the phone, decided by the number's digits so the same elder
 * behaves the same way every run: about 70 % answer and press 1 throughout, 10 % are unwell (2 at
 * the health question), 5 % press 9, 5 % hang up mid-call, 5 % never answer, 3 % are busy and 2 %
 * numbers are unallocated.
 */
final class DemoCallees {
  private DemoCallees() {}

  static CalleeScript forNumber(String number) {
    CRC32 crc = new CRC32();
    crc.update(number.getBytes(StandardCharsets.US_ASCII));
    int bucket = (int) (crc.getValue() % 100);
    long answerAfter = 1000 + (crc.getValue() % 3000); // 1-4 s, as people reach the phone
    long think = 1200; // a moment to find the key
    if (bucket < 70) {
      return CalleeScript.answers()
          .afterMs(answerAfter)
          .thenAlways(new CalleeReply.Digits("1", think))
          .build();
    }
    if (bucket < 80) {
      return CalleeScript.answers()
          .afterMs(answerAfter)
          .press("1", think)
          .press("2", think)
          .thenAlways(new CalleeReply.Digits("1", think))
          .build();
    }
    if (bucket < 85) {
      return CalleeScript.answers()
          .afterMs(answerAfter)
          .press("1", think)
          .press("9", think)
          .build();
    }
    if (bucket < 90) {
      return CalleeScript.answers()
          .afterMs(answerAfter)
          .press("1", think)
          .press("1", think)
          .press("1", think)
          .hangUp()
          .build();
    }
    if (bucket < 95) {
      return CalleeScript.noAnswer();
    }
    if (bucket < 98) {
      return CalleeScript.busy();
    }
    return CalleeScript.unallocated();
  }
}
