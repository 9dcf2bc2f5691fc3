package org.tanfang.scheduler.plan;

import java.util.Objects;
import org.tanfang.scheduler.elder.Vulnerability;
import org.tanfang.scheduler.window.CallWindows;

/** An elder who needs a robocall in the cycle being planned. */
public record DueElder(long elderId, Vulnerability vulnerability, CallWindows windows) {

  public DueElder {
    Objects.requireNonNull(vulnerability, "vulnerability");
    Objects.requireNonNull(windows, "call windows");
  }
}
