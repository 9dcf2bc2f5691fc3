package org.tanfang.scheduler.policy;

import java.util.List;
import java.util.Objects;
import org.tanfang.scheduler.cycle.CycleKind;

/** What the policy says about one elder on one date. */
public sealed interface VisitDecision {

  /** The version of the policy table that decided, for the ledger. */
  String policyVersion();

  boolean isInScope();

  /**
   * The elder must be visited at least once per {@code cycle}, by {@code mode}.
   *
   * @param reasons the rules that set the cycle, e.g. ["半月：孤寡", "半月：高龄独居"]
   * @param robocalls whether automated calls are placed at all (always for PHONE; for HOME_VISIT
   *     only as a supplement when the policy allows and the elder consented; never otherwise)
   * @param modeReason why this mode, in Chinese, e.g. "生活不能自理"
   */
  record InScope(
      String policyVersion,
      CycleKind cycle,
      List<String> reasons,
      VisitMode mode,
      boolean robocalls,
      String modeReason)
      implements VisitDecision {

    public InScope {
      Objects.requireNonNull(cycle, "cycle");
      Objects.requireNonNull(mode, "mode");
      reasons = List.copyOf(reasons);
    }

    @Override
    public boolean isInScope() {
      return true;
    }
  }

  /** No visits: paused, deceased, or not in any category the policy covers. */
  record OutOfScope(String policyVersion, String reason) implements VisitDecision {
    @Override
    public boolean isInScope() {
      return false;
    }
  }
}
