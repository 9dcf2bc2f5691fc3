package org.tanfang.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per account and per address in {@code sign_in_guard}: after each failure
 * the account's next try waits a growing delay; after {@code max-failures} (account) or {@code
 * address-max-failures} (address) the key is locked for {@code lock-duration}, and no password, not
 * even the right one, is accepted before it ends. Unknown user names are counted like real ones, so
 * a lock says nothing about whether an account exists. Time is the application clock.
 */
@Component
public class SignInGuard {
  private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);

  private final JdbcTemplate jdbc;
  private final SignInProperties props;
  private final AuditLog audit;
  private final Clock clock;

  SignInGuard(JdbcTemplate jdbc, SignInProperties props, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.props = props;
    this.audit = audit;
    this.clock = clock;
  }

  /** A current lock, as admins see it. */
  public record Lock(String kind, String name, int failures, Instant lockedUntil) {
    public String key() {
      return ("ACCOUNT".equals(kind) ? "user:" : "addr:") + name;
    }
  }

  static String userKey(String username) {
    return "user:" + (username == null ? "" : username.strip().toLowerCase());
  }

  static String addressKey(String address) {
    return "addr:" + (address == null ? "unknown" : address);
  }

  /** Throws when this account or address may not try now. */
  public void check(String username, String address) {
    Instant now = clock.instant();
    for (String key : List.of(userKey(username), addressKey(address))) {
      jdbc.query(
          "select blocked_until, locked_until from sign_in_guard where key = ?",
          rs -> {
            Instant locked = instant(rs.getTimestamp("locked_until"));
            if (locked != null && locked.isAfter(now)) {
              throw new SignInBlockedException(true, locked);
            }
            Instant blocked = instant(rs.getTimestamp("blocked_until"));
            if (blocked != null && blocked.isAfter(now)) {
              throw new SignInBlockedException(false, blocked);
            }
          },
          key);
    }
  }

  /** A wrong password (or unknown name, or disabled account): counted for both keys, audited. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void failed(String username, String address) {
    audit.record(
        cut(username), "SIGN_IN_FAILED", "app_user", cut(username), "address " + address, null);
    count(userKey(username), props.maxFailures(), true, "account " + username, username, address);
    // an address (an office behind one NAT) is not slowed down by one user's typo: it only locks
    count(
        addressKey(address),
        props.addressMaxFailures(),
        false,
        "address " + address,
        username,
        address);
  }

  /** The right password: the account's count starts again (the address's decays by itself). */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void succeeded(String username) {
    jdbc.update("delete from sign_in_guard where key = ?", userKey(username));
  }

  private void count(
      String key, int max, boolean delay, String what, String username, String address) {
    Instant now = clock.instant();
    jdbc.update(
        "insert into sign_in_guard (key, failures) values (?, 0) on conflict (key) do nothing",
        key);
    var row =
        jdbc.queryForMap(
            "select failures, last_failure_at, locked_until from sign_in_guard where key = ?"
                + " for update",
            key);
    int failures = ((Number) row.get("failures")).intValue();
    Instant last = instant((Timestamp) row.get("last_failure_at"));
    Instant lockedUntil = instant((Timestamp) row.get("locked_until"));
    boolean lockOver = lockedUntil != null && !lockedUntil.isAfter(now);
    boolean stale = last != null && last.plus(props.lockDuration()).isBefore(now);
    if (lockOver || stale) {
      failures = 0;
      lockedUntil = null;
    }
    failures++;
    Instant blockedUntil = delay ? now.plus(props.delayAfter(failures)) : null;
    if (failures >= max) {
      lockedUntil = now.plus(props.lockDuration());
      log.warn(
          "Sign-in locked for {} after {} failures, until {} (last try: user {}, address {})",
          what,
          failures,
          lockedUntil,
          username,
          address);
      audit.record(
          "system",
          "SIGN_IN_LOCKED",
          key.startsWith("user:") ? "app_user" : "address",
          cut(key.substring(5)),
          failures + " failures, until " + lockedUntil,
          null);
    }
    jdbc.update(
        "update sign_in_guard set failures = ?, last_failure_at = ?, blocked_until = ?,"
            + " locked_until = ? where key = ?",
        failures,
        Timestamp.from(now),
        blockedUntil == null ? null : Timestamp.from(blockedUntil),
        lockedUntil == null ? null : Timestamp.from(lockedUntil),
        key);
  }

  /** The locks in force now, accounts first. */
  public List<Lock> locks() {
    return jdbc.query(
        "select key, failures, locked_until from sign_in_guard where locked_until > ?"
            + " order by key desc, locked_until",
        (rs, i) -> {
          String key = rs.getString("key");
          return new Lock(
              key.startsWith("user:") ? "ACCOUNT" : "ADDRESS",
              key.substring(5),
              rs.getInt("failures"),
              rs.getTimestamp("locked_until").toInstant());
        },
        Timestamp.from(clock.instant()));
  }

  /** Lifts a lock early (an administrator's decision, audited); false when there was none. */
  @Transactional
  public boolean unlock(String key) {
    boolean done = jdbc.update("delete from sign_in_guard where key = ?", key) == 1;
    if (done) {
      audit.record("UNLOCK", "sign_in_guard", cut(key), null);
    }
    return done;
  }

  private static String cut(String s) {
    return s == null ? "" : s.length() <= 40 ? s : s.substring(0, 40);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
