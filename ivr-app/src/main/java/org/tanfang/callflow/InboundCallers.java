package org.tanfang.callflow;

import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.registry.PhoneNumbers;

/**
 * Who may be calling from a number: the elders (not deceased) whose primary or alternate phone it
 * is, as the registry stores numbers ({@code PhoneNumbers.normalise}). Several for a couple or a
 * shared landline.
 */
@Component
class InboundCallers {
  private final JdbcTemplate jdbc;

  InboundCallers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One elder a number may belong to; {@code idTail} the last four characters of the ID number. */
  record Caller(long elderId, String dialect, String idTail) {
    /** Keypad entry of the tail: an ID number ending in X is entered with * for the X. */
    boolean matches(String keys) {
      return keys != null && idTail.toUpperCase(Locale.ROOT).replace('X', '*').equals(keys);
    }
  }

  List<Caller> byPhone(String normalised) {
    return jdbc.query(
        """
        select e.id, e.dialect, e.id_number from elder e
        where e.status <> 'DECEASED'
          and (e.primary_phone = ?
               or exists (select 1 from elder_phone p where p.elder_id = e.id and p.number = ?))
        order by e.id
        """,
        InboundCallers::caller,
        normalised,
        normalised);
  }

  /**
   * The elders an unknown caller may have named by keypad, among those with a phone PIN: four keys
   * are the ID number's last four ({@code *} for X), more are a registered phone number.
   */
  List<Caller> withPinNamedBy(String keys) {
    if (keys == null) {
      return List.of();
    }
    if (keys.matches("\\d{3}[\\d*]")) {
      return jdbc.query(
          """
          select e.id, e.dialect, e.id_number from elder e
          where e.status <> 'DECEASED' and e.phone_pin_hash is not null
            and upper(right(e.id_number, 4)) = ?
          order by e.id
          """,
          InboundCallers::caller,
          keys.replace('*', 'X'));
    }
    if (!keys.matches("\\d{7,12}")) {
      return List.of();
    }
    return PhoneNumbers.normalise(keys).map(this::byPhone).orElse(List.of()).stream()
        .filter(c -> hasPin(c.elderId()))
        .toList();
  }

  private boolean hasPin(long elderId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select phone_pin_hash is not null from elder where id = ?", Boolean.class, elderId));
  }

  private static Caller caller(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    String id = rs.getString("id_number");
    return new Caller(
        rs.getLong("id"),
        rs.getString("dialect"),
        id.length() <= 4 ? id : id.substring(id.length() - 4));
  }
}
