package org.tanfang.simulator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;

/**
 * How each demo elder behaves on the phone, decided by the number's digits so the same elder
 * behaves the same way every run: about 70 % answer and press 1 throughout, 10 % are unwell (2 at
 * the health question), 5 % press 9, 5 % hang up mid-call, 5 % never answer, 3 % are busy and 2 %
 * numbers are unallocated. With spoken demo audio, four of the five "never answer" percent are the
 * network instead (switched off, suspended, no such number, voicemail). When dev mode has spoken
 * demo replies ({@link DemoVoices}), 20 % of numbers (out of the "press 1" share) answer by voice
 * instead.
 */
final class DemoCallees {
  private DemoCallees() {}

  static CalleeScript forNumber(String number) {
    return forNumber(number, Optional.empty());
  }

  /**
   * With spoken replies, about 20 % of numbers (taken from the "press 1" share) answer by voice:
   * "yes it is me" to the identity question, then mostly "i am fine"; some "i am not well" at the
   * health question, some "i need medicine" at the care-needs question, a few "help me i fell".
   */
  static CalleeScript forNumber(String number, Optional<DemoVoices.Replies> voices) {
    // SHA-256, not a CRC: the demo numbers are sequential and a CRC spreads them unevenly.
    long hash = hash(number);
    int bucket = (int) (hash % 100);
    long answerAfter = 1000 + (hash / 100 % 3000); // 1-4 s, as people reach the phone
    long think = 1200; // a moment to find the key
    if (bucket < 20 && voices.isPresent()) {
      return speaking(voices.get(), (int) (hash / 100_000 % 10), answerAfter);
    }
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
    if (bucket >= 90 && bucket < 95 && voices.isPresent()) {
      return network(voices.get(), bucket);
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

  /**
   * How a demo elder's emergency contact answers a family notification call, by the number's
   * digits: about 55 % press 1 (the elder is safe), 20 % press 2 (please visit), 10 % answer but
   * press nothing, 10 % do not answer and 5 % are busy.
   */
  static CalleeScript forContact(String number) {
    long hash = hash("contact:" + number);
    int bucket = (int) (hash % 100);
    long answerAfter = 1000 + (hash / 100 % 4000);
    long think = 2000; // they listen to the whole message first
    if (bucket < 55) {
      return CalleeScript.answers().afterMs(answerAfter).press("1", think).build();
    }
    if (bucket < 75) {
      return CalleeScript.answers().afterMs(answerAfter).press("2", think).build();
    }
    if (bucket < 85) {
      return CalleeScript.answers().afterMs(answerAfter).build();
    }
    if (bucket < 95) {
      return CalleeScript.noAnswer();
    }
    return CalleeScript.busy();
  }

  /**
   * With spoken demo audio, the "never answers" share is the network instead: a switched-off phone
   * and a suspended line announced in early media (released with 480 / 403), a number that does not
   * exist announced after answering, a voicemail box, and one that really rings out.
   */
  private static CalleeScript network(DemoVoices.Replies v, int bucket) {
    return switch (bucket) {
      case 90 -> CalleeScript.earlyMedia(v.switchedOff(), 19);
      case 91 -> CalleeScript.earlyMedia(v.suspended(), 21);
      case 92 -> CalleeScript.answersWithAnnouncement(v.noSuchNumber());
      case 93 -> CalleeScript.voicemail(v.voicemail());
      default -> CalleeScript.noAnswer();
    };
  }

  private static CalleeScript speaking(DemoVoices.Replies v, int kind, long answerAfter) {
    long speak = 1500; // takes a breath, then speaks
    var script = CalleeScript.answers().afterMs(answerAfter).reply(say(v.yes(), speak));
    var fine = say(v.fine(), speak);
    if (kind == 9) {
      return script.reply(say(v.fell(), speak)).thenAlways(fine).build();
    }
    if (kind >= 7) {
      return script.reply(say(v.notWell(), speak)).thenAlways(fine).build();
    }
    if (kind == 6) {
      // health, living, family, safety: fine; care needs: medicine
      for (int i = 0; i < 4; i++) {
        script.reply(fine);
      }
      return script.reply(say(v.medicine(), speak)).thenAlways(fine).build();
    }
    return script.thenAlways(fine).build();
  }

  private static CalleeReply say(Path wav, long delayMs) {
    return new CalleeReply.Recording(wav, null, delayMs);
  }

  private static long hash(String number) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(number.getBytes(StandardCharsets.US_ASCII));
      return ((d[0] & 0xffL) << 24)
          | ((d[1] & 0xffL) << 16)
          | ((d[2] & 0xffL) << 8)
          | (d[3] & 0xffL);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JVM has SHA-256
    }
  }
}
