package org.tanfang.scheduling;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.District;
import org.tanfang.scheduler.elder.ElderProfile;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.scheduler.window.CallWindow;

/**
 * Reads registry rows into {@link ScheduledElder}s: the adapter between the registry tables and the
 * pure policy engine. Districts are identified by their registry name (e.g. 美兰区), which also serves
 * as the policy's district code.
 */
@Component
public class SchedulingElders {

  private static final String SELECT =
      """
      select e.id, e.name, e.birth_date, e.disability_level, e.disability_grade, e.self_care,
             e.consent, e.status, e.district, e.street, e.community, e.grid, e.primary_phone,
             e.call_window_start, e.call_window_end,
             (select array_agg(c.category) from elder_category c where c.elder_id = e.id) as categories,
             (select array_agg(p.number order by p.position) from elder_phone p
               where p.elder_id = e.id) as alternates,
             (select n.reason from home_visit_need n
               where n.elder_id = e.id and n.cleared_at is null) as home_because
      from elder e
      """;

  private final JdbcTemplate jdbc;
  private final Windows windows;

  SchedulingElders(JdbcTemplate jdbc, Windows windows) {
    this.jdbc = jdbc;
    this.windows = windows;
  }

  public List<ScheduledElder> all() {
    return jdbc.query(SELECT + " order by e.id", (rs, n) -> map(rs));
  }

  public List<ScheduledElder> activeInDistricts(Collection<String> districts) {
    return jdbc.query(
        SELECT + " where e.status = 'ACTIVE' and e.district = any (?) order by e.id",
        (rs, n) -> map(rs),
        (Object) districts.toArray(String[]::new));
  }

  public List<ScheduledElder> byIds(Collection<Long> ids) {
    return jdbc.query(
        SELECT + " where e.id = any (?) order by e.id",
        (rs, n) -> map(rs),
        (Object) ids.toArray(Long[]::new));
  }

  /** Each elder's first emergency contact's number (the registry's order), by elder id. */
  public Map<Long, String> firstContacts(Collection<Long> ids) {
    Map<Long, String> first = new HashMap<>();
    jdbc.query(
        "select distinct on (elder_id) elder_id, phone from emergency_contact"
            + " where elder_id = any (?) order by elder_id, position",
        rs -> {
          first.put(rs.getLong("elder_id"), rs.getString("phone"));
        },
        (Object) ids.toArray(Long[]::new));
    return first;
  }

  public Optional<ScheduledElder> byId(long id) {
    return jdbc.query(SELECT + " where e.id = ?", (rs, n) -> map(rs), id).stream().findFirst();
  }

  private ScheduledElder map(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    String district = rs.getString("district");
    List<CallWindow> own = ownWindow(rs);
    ElderProfile profile =
        new ElderProfile(
            id,
            categories(rs.getArray("categories")),
            rs.getObject("birth_date", java.time.LocalDate.class),
            DisabilityLevel.valueOf(rs.getString("disability_level")),
            rs.getObject("disability_grade", Integer.class),
            rs.getBoolean("self_care"),
            rs.getBoolean("consent"),
            ElderStatus.valueOf(rs.getString("status")),
            new District(district, district),
            own);
    List<String> phones = new ArrayList<>();
    phones.add(rs.getString("primary_phone"));
    phones.addAll(strings(rs.getArray("alternates")));
    return new ScheduledElder(
        profile,
        rs.getString("name"),
        district,
        rs.getString("street"),
        rs.getString("community"),
        rs.getString("grid"),
        List.copyOf(phones),
        windows.forElder(id, district, own),
        rs.getString("home_because"));
  }

  private static List<CallWindow> ownWindow(ResultSet rs) throws SQLException {
    LocalTime start = rs.getObject("call_window_start", LocalTime.class);
    LocalTime end = rs.getObject("call_window_end", LocalTime.class);
    if (start == null || end == null || !end.isAfter(start)) {
      return List.of();
    }
    return List.of(new CallWindow(start, end));
  }

  private static Set<Category> categories(Array array) throws SQLException {
    Set<Category> categories = EnumSet.noneOf(Category.class);
    for (String name : strings(array)) {
      categories.add(Category.valueOf(name));
    }
    return categories;
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.asList((String[]) array.getArray());
  }
}
