package org.tanfang.registry;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes many elders with a few JDBC batches instead of several statements per elder: the bulk path
 * of the spreadsheet import. Everything else saves through {@link ElderRepository}; {@code
 * ElderBatchWriterTest} checks that both write the same rows.
 */
@Component
public class ElderBatchWriter {
  private static final String COLUMNS =
      "name, sex, birth_date, id_number, address, district, street, community, grid, primary_phone,"
          + " disability_level, disability_grade, self_care, dialect, call_window_start, call_window_end,"
          + " consent, visitor_name, visitor_role, visitor_phone, status, status_reason, status_changed_at,"
          + " notes, created_at, updated_at";
  private static final int COLUMN_COUNT = 26;

  private final JdbcTemplate jdbc;

  ElderBatchWriter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts new elders (ids taken from the identity sequence) with their collections. */
  public List<Long> insert(List<Elder> elders) {
    if (elders.isEmpty()) {
      return List.of();
    }
    List<Long> ids =
        jdbc.queryForList(
            "select nextval(pg_get_serial_sequence('elder', 'id')) from generate_series(1, ?)",
            Long.class,
            elders.size());
    List<Elder> withIds = new ArrayList<>(elders.size());
    for (int i = 0; i < elders.size(); i++) {
      withIds.add(elders.get(i).withId(ids.get(i)));
    }
    jdbc.batchUpdate(
        "insert into elder (id, version, "
            + COLUMNS
            + ") values (?, 0"
            + ", ?".repeat(COLUMN_COUNT)
            + ")",
        withIds,
        withIds.size(),
        (ps, e) -> {
          ps.setLong(1, e.id());
          setColumns(ps, e, 2);
        });
    insertCollections(withIds);
    return ids;
  }

  /** Replaces the data of existing elders; their collections are rewritten. */
  public void update(List<Elder> elders) {
    if (elders.isEmpty()) {
      return;
    }
    String assignments = String.join(" = ?, ", COLUMNS.split(",\\s*")) + " = ?";
    jdbc.batchUpdate(
        "update elder set version = version + 1, " + assignments + " where id = ?",
        elders,
        elders.size(),
        (ps, e) -> {
          int next = setColumns(ps, e, 1);
          ps.setLong(next, e.id());
        });
    Long[] ids = elders.stream().map(Elder::id).toArray(Long[]::new);
    for (String table : List.of("elder_category", "elder_phone", "emergency_contact")) {
      jdbc.update(
          "delete from " + table + " where elder_id = any(?)",
          ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids)));
    }
    insertCollections(elders);
  }

  private void insertCollections(List<Elder> elders) {
    List<Object[]> categories = new ArrayList<>();
    List<Object[]> phones = new ArrayList<>();
    List<Object[]> contacts = new ArrayList<>();
    for (Elder e : elders) {
      e.categories().forEach(c -> categories.add(new Object[] {e.id(), c.category().name()}));
      for (int i = 0; i < e.alternatePhones().size(); i++) {
        phones.add(new Object[] {e.id(), i, e.alternatePhones().get(i).number()});
      }
      for (int i = 0; i < e.emergencyContacts().size(); i++) {
        EmergencyContact c = e.emergencyContacts().get(i);
        contacts.add(new Object[] {e.id(), i, c.name(), c.relation(), c.phone()});
      }
    }
    jdbc.batchUpdate("insert into elder_category (elder_id, category) values (?, ?)", categories);
    jdbc.batchUpdate(
        "insert into elder_phone (elder_id, position, number) values (?, ?, ?)", phones);
    jdbc.batchUpdate(
        "insert into emergency_contact (elder_id, position, name, relation, phone) values (?, ?, ?, ?, ?)",
        contacts);
  }

  /** Sets the {@link #COLUMNS} from {@code first}; returns the next parameter index. */
  private static int setColumns(PreparedStatement ps, Elder e, int first) throws SQLException {
    int i = first;
    ps.setString(i++, e.name());
    ps.setString(i++, e.sex().name());
    ps.setObject(i++, e.birthDate());
    ps.setString(i++, e.idNumber());
    ps.setString(i++, e.address());
    ps.setString(i++, e.region().district());
    ps.setString(i++, e.region().street());
    ps.setString(i++, e.region().community());
    ps.setString(i++, e.region().grid());
    ps.setString(i++, e.primaryPhone());
    ps.setString(i++, e.disabilityLevel().name());
    ps.setObject(i++, e.disabilityGrade(), Types.SMALLINT);
    ps.setBoolean(i++, e.selfCare());
    ps.setString(i++, e.dialect());
    ps.setObject(i++, e.callWindowStart(), Types.TIME);
    ps.setObject(i++, e.callWindowEnd(), Types.TIME);
    ps.setBoolean(i++, e.consent());
    ps.setString(i++, e.visitor() == null ? null : e.visitor().name());
    ps.setString(i++, e.visitor() == null ? null : e.visitor().role());
    ps.setString(i++, e.visitor() == null ? null : e.visitor().phone());
    ps.setString(i++, e.status().name());
    ps.setString(i++, e.statusReason());
    ps.setTimestamp(i++, e.statusChangedAt() == null ? null : Timestamp.from(e.statusChangedAt()));
    ps.setString(i++, e.notes());
    ps.setTimestamp(i++, Timestamp.from(e.createdAt()));
    ps.setTimestamp(i++, Timestamp.from(e.updatedAt()));
    return i;
  }
}
