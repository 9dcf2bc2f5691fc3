package org.tanfang.security;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one place that decides what a caller may see of an elder (issue 14), for every page, API,
 * export and stream that shows elder data:
 *
 * <ul>
 *   <li>outside the caller's {@link RegionScope}: nothing (callers answer 404, lists leave the
 *       elder out);
 *   <li>administrators and supervisors inside their scope: everything, the ID-card number included;
 *   <li>staff: the full profile (ID-card number still masked) only while they hold an open case of
 *       the elder, i.e. claimed it and it is not resolved, as the desk promises; masked otherwise;
 *   <li>any other role: masked.
 * </ul>
 *
 * Every full view goes through {@link #recordFullView} (audit: who, what, why).
 */
@Component
public class ElderAccess {
  private final JdbcTemplate jdbc;
  private final AuditLog audit;

  ElderAccess(JdbcTemplate jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /**
   * What {@code caller} may see of the elder living in {@code district / street / community}; empty
   * when the elder is outside the caller's scope.
   */
  public Optional<Disclosure> decide(
      Caller caller, long elderId, String district, String street, String community) {
    if (!caller.scope().contains(district, street, community)) {
      return Optional.empty();
    }
    if (caller.supervises()) {
      return Optional.of(new Disclosure(true, true, "role " + caller.role(), null));
    }
    if (caller.is(Role.STAFF)) {
      Optional<Long> held = heldCase(caller.username(), elderId);
      if (held.isPresent()) {
        return Optional.of(new Disclosure(true, false, "escalation " + held.get(), held.get()));
      }
    }
    return Optional.of(Disclosure.MASKED);
  }

  /** The open case of the elder that this user has claimed, if any. */
  public Optional<Long> heldCase(String username, long elderId) {
    List<Long> ids =
        jdbc.queryForList(
            "select id from escalation where elder_id = ? and claimed_by = ?"
                + " and state <> 'RESOLVED' order by id limit 1",
            Long.class,
            elderId,
            username);
    return ids.stream().findFirst();
  }

  /** The elders whose open cases this user has claimed: their rows in lists are shown in full. */
  public Set<Long> heldElders(String username) {
    return new HashSet<>(
        jdbc.queryForList(
            "select distinct elder_id from escalation where claimed_by = ? and state <> 'RESOLVED'"
                + " and elder_id is not null",
            Long.class,
            username));
  }

  /**
   * Whether a list row of this elder shows the name in clear: supervisors and administrators (the
   * list is already narrowed to their scope), staff for elders whose case they hold.
   */
  public boolean namesInClear(Caller caller, long elderId, Set<Long> held) {
    return caller.supervises() || held.contains(elderId);
  }

  /** Writes a full view to the audit log: who (the caller), what and why (the disclosure). */
  public void recordFullView(Caller caller, long elderId, Disclosure d, String what) {
    if (d.full()) {
      audit.record(caller.username(), "VIEW", "elder", elderId, what, d.purpose());
    }
  }
}
