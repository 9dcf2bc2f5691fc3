package org.tanfang.visitors;

import org.tanfang.registry.IdCardNumber;
import org.tanfang.registry.PhoneNumbers;

/**
 * What a visitor sees of their own elder (DESIGN.md: masked by role, scope and purpose). The one
 * place the VISITOR role's masking is decided, so a city-wide masking policy can take it over:
 *
 * <ul>
 *   <li>the name and region always (it is their elder);
 *   <li>phones and the address only while the visitor has an open task for the elder (the purpose:
 *       they must call or go there), masked otherwise;
 *   <li>the ID-card number never;
 *   <li>emergency contacts' phones as the elder's phones.
 * </ul>
 */
public final class VisitorMasking {
  private VisitorMasking() {}

  public static String phone(String number, boolean openTask) {
    return number == null ? null : openTask ? number : PhoneNumbers.mask(number);
  }

  /** Null (not shown) without an open task. */
  public static String address(String address, boolean openTask) {
    return openTask ? address : null;
  }

  public static String idNumber(String idNumber) {
    return idNumber == null ? null : IdCardNumber.mask(idNumber);
  }
}
