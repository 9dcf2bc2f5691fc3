package org.tanfang.callflow;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.security.AuditLog;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * Elders' phone PINs (the {@code elder.phone_pin_*} columns, V96, written here only): staff set,
 * reset and unlock them; the line checks an entry against the elders an unknown caller named. The
 * PIN is kept as a salted hash (the application's {@link PasswordEncoder}) and never shown.
 */
@Service
public class PhonePins {
  /** What the elder page shows: whether a PIN is set, since when, and whether it is locked. */
  public record Status(boolean set, Instant setAt, Instant lockedUntil, int failed) {
    public boolean locked(Instant now) {
      return lockedUntil != null && lockedUntil.isAfter(now);
    }
  }

  private final JdbcTemplate jdbc;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final PhonePinProperties props;
  private final Clock clock;
  // checked when the entry named nobody, so that answer takes as long as a wrong PIN
  private final String decoy;

  PhonePins(
      JdbcTemplate jdbc,
      PasswordEncoder encoder,
      AuditLog audit,
      PhonePinProperties props,
      Clock clock) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.audit = audit;
    this.props = props;
    this.clock = clock;
    this.decoy = encoder.encode("decoy-" + System.nanoTime());
  }

  public Status status(long elderId) {
    return jdbc.queryForObject(
        "select phone_pin_hash is not null as pin_set, phone_pin_set_at, phone_pin_locked_until,"
            + " phone_pin_failed from elder where id = ?",
        (rs, i) ->
            new Status(
                rs.getBoolean("pin_set"),
                instant(rs.getTimestamp("phone_pin_set_at")),
                instant(rs.getTimestamp("phone_pin_locked_until")),
                rs.getInt("phone_pin_failed")),
        elderId);
  }

  /** Whether any living elder has a PIN: if none has, the line does not ask for one. */
  boolean anySet() {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from elder where phone_pin_hash is not null"
                + " and status <> 'DECEASED')",
            Boolean.class));
  }

  /**
   * Sets (or resets) the elder's PIN: 4–6 digits, typed twice, not one digit repeated nor a run
   * like 1234. Clears a lock and the failure count. Audited; the PIN is in no log.
   */
  @Transactional
  public void set(long elderId, String pin, String confirm) {
    List<FieldProblem> problems = new ArrayList<>();
    if (pin == null || !pin.matches("\\d{4,6}")) {
      problems.add(FieldProblem.of("phonePin", "phonePin.format"));
    } else if (weak(pin)) {
      problems.add(FieldProblem.of("phonePin", "phonePin.weak"));
    } else if (!pin.equals(confirm)) {
      problems.add(FieldProblem.of("phonePinConfirm", "phonePin.mismatch"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Phone PIN", problems);
    }
    boolean had = status(elderId).set();
    jdbc.update(
        "update elder set phone_pin_hash = ?, phone_pin_set_at = ?, phone_pin_failed = 0,"
            + " phone_pin_locked_until = null where id = ?",
        encoder.encode(pin),
        Timestamp.from(clock.instant()),
        elderId);
    audit.record(
        had ? "RESET_PHONE_PIN" : "SET_PHONE_PIN",
        "elder",
        elderId,
        had ? "phone PIN reset" : "phone PIN set");
  }

  /** Lifts a lock (and the failure count) before it runs out. Audited. */
  @Transactional
  public void unlock(long elderId) {
    jdbc.update(
        "update elder set phone_pin_failed = 0, phone_pin_locked_until = null where id = ?",
        elderId);
    audit.record("UNLOCK_PHONE_PIN", "elder", elderId, "phone PIN unlocked");
  }

  /**
   * The PINs a line check compares an entry with: of the elders the caller named, those whose PIN
   * is not locked, with its hash. A database read: the line runs it within its read budget.
   */
  record Open(Instant at, Map<Long, String> hashes) {}

  /** The line's check, step 1 (database): the named elders' PINs that are open now. */
  Open open(List<Long> candidates) {
    Instant now = clock.instant();
    Map<Long, String> hashes = new LinkedHashMap<>();
    for (long id : candidates) {
      jdbc
          .queryForList(
              "select phone_pin_hash from elder where id = ? and phone_pin_hash is not null"
                  + " and (phone_pin_locked_until is null or phone_pin_locked_until <= ?)",
              String.class,
              id,
              Timestamp.from(now))
          .stream()
          .findFirst()
          .ifPresent(hash -> hashes.put(id, hash));
    }
    return new Open(now, hashes);
  }

  /**
   * The line's check, step 2 (CPU only, no database): the open PINs the entry matches. The hash is
   * slow by design; an entry that named nobody is compared with a decoy, so it takes as long.
   */
  List<Long> matching(Open open, String pin) {
    boolean wellFormed = pin != null && pin.matches("\\d{4,6}");
    List<Long> matching = new ArrayList<>();
    for (var e : open.hashes().entrySet()) {
      if (wellFormed && encoder.matches(pin, e.getValue())) {
        matching.add(e.getKey());
      }
    }
    if (open.hashes().isEmpty()) {
      encoder.matches(pin == null ? "" : pin, decoy);
    }
    return matching;
  }

  /**
   * The line's check, step 3 (database, one transaction with the caller's, so it is written whole
   * or not at all): exactly one match is that elder and its count of wrong entries goes back to 0;
   * no match counts one more wrong entry for every open PIN named, and the one reaching the limit
   * is locked (audited as the system). Several matching (two elders under one last-four with the
   * same PIN) names nobody and counts for nobody.
   */
  Optional<Long> settle(Open open, List<Long> matching) {
    if (matching.size() == 1) {
      jdbc.update("update elder set phone_pin_failed = 0 where id = ?", matching.get(0));
      return Optional.of(matching.get(0));
    }
    if (matching.isEmpty()) {
      open.hashes().keySet().forEach(id -> failed(id, open.at()));
    }
    return Optional.empty();
  }

  private void failed(long elderId, Instant now) {
    Timestamp until = Timestamp.from(now.plus(props.lockFor()));
    Boolean locked =
        jdbc.queryForObject(
            """
            update elder set
              phone_pin_locked_until =
                case when phone_pin_failed + 1 >= ? then ? else phone_pin_locked_until end,
              phone_pin_failed = case when phone_pin_failed + 1 >= ? then 0 else phone_pin_failed + 1 end
            where id = ? returning phone_pin_locked_until = ?
            """,
            Boolean.class,
            props.maxFailures(),
            until,
            props.maxFailures(),
            elderId,
            until);
    if (Boolean.TRUE.equals(locked)) {
      audit.record(
          "system",
          "LOCK_PHONE_PIN",
          "elder",
          elderId,
          "phone PIN locked after " + props.maxFailures() + " wrong entries on the line",
          "inbound line");
    }
  }

  /** One digit repeated (1111) or a straight run up or down (1234, 987654). */
  static boolean weak(String pin) {
    boolean same = true;
    boolean up = true;
    boolean down = true;
    for (int i = 1; i < pin.length(); i++) {
      int d = pin.charAt(i) - pin.charAt(i - 1);
      same &= d == 0;
      up &= d == 1;
      down &= d == -1;
    }
    return same || up || down;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
