package org.tanfang.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.security.Caller;
import org.tanfang.security.ElderAccess;
import org.tanfang.security.RegionScope;

/** Finds elders by region, category, status and name or phone fragment, a page at a time. */
@Component
public class ElderSearch {
  public static final int MAX_PAGE_SIZE = 200;

  private final NamedParameterJdbcTemplate jdbc;
  private final ElderAccess access;
  private final Clock clock;

  ElderSearch(NamedParameterJdbcTemplate jdbc, ElderAccess access, Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.clock = clock;
  }

  /** Search criteria; null or blank means "any". */
  public record Criteria(
      String district,
      String street,
      String community,
      Category category,
      ElderStatus status,
      String query) {
    public static Criteria all() {
      return new Criteria(null, null, null, null, null, null);
    }
  }

  /** One row of a result list: enough to recognise the elder, personal numbers masked. */
  public record Summary(
      long id,
      String name,
      Sex sex,
      int age,
      Region region,
      String phoneMasked,
      String idNumberMasked,
      Set<Category> categories,
      DisabilityLevel disabilityLevel,
      boolean selfCare,
      String dialect,
      ElderStatus status) {
    Summary withName(String shown) {
      return new Summary(
          id,
          shown,
          sex,
          age,
          region,
          phoneMasked,
          idNumberMasked,
          categories,
          disabilityLevel,
          selfCare,
          dialect,
          status);
    }
  }

  public record Page(List<Summary> items, int page, int size, long total) {
    public int totalPages() {
      return (int) ((total + size - 1) / size);
    }
  }

  /**
   * A page of the elders inside the caller's scope (counted inside it too); names in clear for
   * supervisors and administrators and for staff on elders whose case they hold, masked otherwise.
   */
  public Page search(Criteria criteria, int page, int size, Caller caller) {
    Page all = search(criteria, page, size, caller.scope());
    if (caller.supervises()) {
      return all;
    }
    Set<Long> held = access.heldElders(caller.username());
    return new Page(
        all.items().stream()
            .map(
                s ->
                    access.namesInClear(caller, s.id(), held)
                        ? s
                        : s.withName(PersonNames.mask(s.name())))
            .toList(),
        all.page(),
        all.size(),
        all.total());
  }

  /** A page of the elders inside {@code scope}, as they are (names in clear). */
  public Page search(Criteria criteria, int page, int size, RegionScope scope) {
    int safeSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
    int safePage = Math.max(0, page);
    MapSqlParameterSource params = new MapSqlParameterSource();
    String where = where(criteria, params, scope);
    Long total = jdbc.queryForObject("select count(*) from elder e" + where, params, Long.class);
    params.addValue("limit", safeSize).addValue("offset", (long) safePage * safeSize);
    LocalDate today = LocalDate.now(clock);
    List<Summary> items =
        jdbc.query(
            "select e.*, (select string_agg(c.category, ',') from elder_category c"
                + " where c.elder_id = e.id) as cats from elder e"
                + where
                + " order by e.district, e.street, e.community, e.name, e.id"
                + " limit :limit offset :offset",
            params,
            (rs, i) ->
                new Summary(
                    rs.getLong("id"),
                    rs.getString("name"),
                    Sex.valueOf(rs.getString("sex")),
                    java.time.Period.between(rs.getObject("birth_date", LocalDate.class), today)
                        .getYears(),
                    new Region(
                        rs.getString("district"),
                        rs.getString("street"),
                        rs.getString("community"),
                        rs.getString("grid")),
                    PhoneNumbers.mask(rs.getString("primary_phone")),
                    IdCardNumber.mask(rs.getString("id_number")),
                    categories(rs.getString("cats")),
                    DisabilityLevel.valueOf(rs.getString("disability_level")),
                    rs.getBoolean("self_care"),
                    rs.getString("dialect"),
                    ElderStatus.valueOf(rs.getString("status"))));
    return new Page(items, safePage, safeSize, total == null ? 0 : total);
  }

  private static String where(Criteria c, MapSqlParameterSource params, RegionScope scope) {
    List<String> conditions = new ArrayList<>();
    if (!scope.isCity()) {
      java.util.Map<String, Object> scopeParams = new java.util.HashMap<>();
      conditions.add(scope.namedSql("e", scopeParams));
      params.addValues(scopeParams);
    }
    equal(conditions, params, "district", c.district());
    equal(conditions, params, "street", c.street());
    equal(conditions, params, "community", c.community());
    if (c.status() != null) {
      conditions.add("e.status = :status");
      params.addValue("status", c.status().name());
    }
    if (c.category() != null) {
      conditions.add(
          "exists (select 1 from elder_category c where c.elder_id = e.id and c.category = :category)");
      params.addValue("category", c.category().name());
    }
    if (!Labels.blank(c.query())) {
      String q = c.query().strip();
      String digits = q.replaceAll("\\D", "");
      String condition = "e.name like :nameLike";
      params.addValue("nameLike", "%" + escapeLike(q) + "%");
      if (digits.length() >= 3) {
        condition +=
            " or e.primary_phone like :phoneLike or exists (select 1 from elder_phone p"
                + " where p.elder_id = e.id and p.number like :phoneLike)";
        params.addValue("phoneLike", "%" + digits + "%");
      }
      conditions.add("(" + condition + ")");
    }
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  private static void equal(
      List<String> conditions, MapSqlParameterSource params, String column, String value) {
    if (!Labels.blank(value)) {
      conditions.add("e." + column + " = :" + column);
      params.addValue(column, value.strip());
    }
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static Set<Category> categories(String csv) {
    if (csv == null) {
      return Set.of();
    }
    return Arrays.stream(csv.split(","))
        .map(Category::valueOf)
        .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(Category.class)));
  }

  /** The distinct streets known, for filter drop-downs. */
  public List<String> streets(String district) {
    return streets(district, RegionScope.CITY);
  }

  /** The distinct streets known inside the scope, for filter drop-downs. */
  public List<String> streets(String district, RegionScope scope) {
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    params.put("d", district == null ? "" : district);
    String in = scope.namedSql("elder", params);
    return jdbc.queryForList(
        "select distinct street from elder where (:d = '' or district = :d) and "
            + in
            + " order by street",
        params,
        String.class);
  }
}
