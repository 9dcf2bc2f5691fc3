package org.tanfang.escalation;

/**
 * What the person found in one of the six visit areas (POLICY.md "What a visit asks about").
 *
 * @param status FINE, CONCERN, or NOT_CHECKED
 * @param note free text, optional (required for a concern)
 */
public record AreaFinding(Status status, String note) {
  public enum Status {
    FINE,
    CONCERN,
    NOT_CHECKED
  }
}
