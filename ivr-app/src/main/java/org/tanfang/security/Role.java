package org.tanfang.security;

/** What a user may do. */
public enum Role {
  /** Manages accounts and configuration; sees everything. */
  ADMIN,
  /** District or city supervisor: maintains the registry, reviews coverage and outcomes. */
  SUPERVISOR,
  /** Call-center staff: handles escalations; sees personal data only where needed. */
  STAFF,
  /**
   * An elder's human visitor (grid worker, social worker, family doctor, volunteer): sees only
   * their own elders and tasks, on the phone-first pages under {@code /visit}.
   */
  VISITOR
}
