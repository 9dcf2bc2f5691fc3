package org.tanfang.dialer;

import org.springframework.test.util.AopTestUtils;

/**
 * The dialer's sweep for attempts that lost their events, run when a test says so: the test context
 * turns its timer off ({@code tanfang.telephony.sweep-interval=0}).
 */
public final class DialerSweep {
  private DialerSweep() {}

  public static void runNow(Dialer dialer) {
    AmiDialer ami = AopTestUtils.getUltimateTargetObject(dialer);
    ami.sweep();
  }
}
