package org.tanfang.testsupport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An elder written straight into the registry tables (no validation, no audit), with only what the
 * reading feature needs; each gets its own name, ID-card number and phone.
 */
public final class ElderRow {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final JdbcTemplate jdbc;
  private String name;
  private String sex = "FEMALE";
  private LocalDate born = LocalDate.of(1950, 5, 5);
  private String address = "测试地址";
  private String district = "美兰区";
  private String street = "海甸街道";
  private String community = "沿江社区";
  private List<String> categories = new ArrayList<>(List.of("EMPTY_NEST"));
  private String disability = "NONE";
  private boolean selfCare = true;
  private boolean consent = true;
  private String status = "ACTIVE";
  private LocalTime windowStart;
  private LocalTime windowEnd;
  private String phone;
  private List<String> alternates = new ArrayList<>();
  private Object createdAt = Instant.parse("2026-01-01T00:00:00Z");

  ElderRow(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public ElderRow named(String name) {
    this.name = name;
    return this;
  }

  public ElderRow male() {
    this.sex = "MALE";
    return this;
  }

  public ElderRow born(LocalDate born) {
    this.born = born;
    return this;
  }

  public ElderRow livingAt(String address) {
    this.address = address;
    return this;
  }

  public ElderRow in(String district, String street, String community) {
    this.district = district;
    this.street = street;
    this.community = community;
    return this;
  }

  public ElderRow categories(String... categories) {
    this.categories = List.of(categories);
    return this;
  }

  public ElderRow disability(String level) {
    this.disability = level;
    return this;
  }

  public ElderRow selfCare(boolean selfCare) {
    this.selfCare = selfCare;
    return this;
  }

  public ElderRow consent(boolean consent) {
    this.consent = consent;
    return this;
  }

  public ElderRow status(String status) {
    this.status = status;
    return this;
  }

  /** The elder's own call window, local times such as {@code "09:00"}. */
  public ElderRow window(String start, String end) {
    this.windowStart = LocalTime.parse(start);
    this.windowEnd = LocalTime.parse(end);
    return this;
  }

  public ElderRow phones(String primary, String... alternates) {
    this.phone = primary;
    this.alternates = List.of(alternates);
    return this;
  }

  /** Registered at the database's current time instead of 2026-01-01. */
  public ElderRow registeredNow() {
    this.createdAt = Insert.NOW;
    return this;
  }

  /** Registered (enrolled) at this instant instead of 2026-01-01. */
  public ElderRow registeredAt(Instant at) {
    this.createdAt = at;
    return this;
  }

  /** Writes the elder, its categories and alternate phones; returns its id. */
  public long save() {
    int n = SEQUENCE.incrementAndGet();
    long id =
        new Insert("elder")
            .set("name", name != null ? name : "老人" + n)
            .set("sex", sex)
            .set("birth_date", born)
            .set(
                "id_number",
                TestElders.idNumber(
                    LocalDate.of(1930, 1, 1).plusDays(n / 500), n, "MALE".equals(sex)))
            .set("address", address)
            .set("district", district)
            .set("street", street)
            .set("community", community)
            .set("grid", community + "第1网格")
            .set("primary_phone", phone != null ? phone : String.format("1390898%04d", n % 10000))
            .set("disability_level", disability)
            .set("self_care", selfCare)
            .set("call_window_start", windowStart)
            .set("call_window_end", windowEnd)
            .set("consent", consent)
            .set("status", status)
            .set("created_at", createdAt)
            .set("updated_at", createdAt)
            .save(jdbc);
    for (String category : categories) {
      jdbc.update("insert into elder_category (elder_id, category) values (?, ?)", id, category);
    }
    for (int i = 0; i < alternates.size(); i++) {
      jdbc.update(
          "insert into elder_phone (elder_id, position, number) values (?, ?, ?)",
          id,
          i,
          alternates.get(i));
    }
    return id;
  }
}
