package org.tanfang.security;

/**
 * How much of an elder one caller may see, as {@link ElderAccess} decides it.
 *
 * @param full name, phones, address and contacts in clear; otherwise masked ({@code 王*华}, {@code
 *     139****0014}, no address)
 * @param idNumber the ID-card number in clear (administrators and supervisors only)
 * @param purpose why the data is shown, for the audit log: {@code role SUPERVISOR}, {@code
 *     escalation 12}; null when masked
 * @param caseId the open case the caller holds on the elder, if that is why
 */
public record Disclosure(boolean full, boolean idNumber, String purpose, Long caseId) {
  public static final Disclosure MASKED = new Disclosure(false, false, null, null);

  public boolean masked() {
    return !full;
  }
}
