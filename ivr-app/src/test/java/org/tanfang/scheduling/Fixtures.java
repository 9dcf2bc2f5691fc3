package org.tanfang.scheduling;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.TestElders;

/** Elders written straight into the registry tables, with only what scheduling reads. */
final class Fixtures {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final JdbcTemplate jdbc;

  Fixtures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  ElderRow elder() {
    return new ElderRow();
  }

  /** Clears scheduling rows and elders. */
  void clean() {
    jdbc.execute(
        "truncate special_round, phone_correction, visit_answer, call_attempt, visit, district_policy,"
            + " elder, elder_category, elder_phone, emergency_contact, audit_event restart identity cascade");
  }

  final class ElderRow {
    private LocalDate born = LocalDate.of(1950, 5, 5);
    private String district = "美兰区";
    private String street = "海甸街道";
    private String community = "沿江社区";
    private List<String> categories = new ArrayList<>(List.of("EMPTY_NEST"));
    private String disability = "NONE";
    private boolean selfCare = true;
    private boolean consent = true;
    private String status = "ACTIVE";
    private String windowStart;
    private String windowEnd;
    private String phone;
    private List<String> alternates = new ArrayList<>();

    ElderRow born(LocalDate born) {
      this.born = born;
      return this;
    }

    ElderRow in(String district, String street, String community) {
      this.district = district;
      this.street = street;
      this.community = community;
      return this;
    }

    ElderRow categories(String... categories) {
      this.categories = List.of(categories);
      return this;
    }

    ElderRow disability(String level) {
      this.disability = level;
      return this;
    }

    ElderRow selfCare(boolean selfCare) {
      this.selfCare = selfCare;
      return this;
    }

    ElderRow consent(boolean consent) {
      this.consent = consent;
      return this;
    }

    ElderRow status(String status) {
      this.status = status;
      return this;
    }

    ElderRow window(String start, String end) {
      this.windowStart = start;
      this.windowEnd = end;
      return this;
    }

    ElderRow phones(String primary, String... alternates) {
      this.phone = primary;
      this.alternates = List.of(alternates);
      return this;
    }

    long save() {
      int n = SEQUENCE.incrementAndGet();
      String primary = phone != null ? phone : String.format("1390898%04d", n % 10000);
      Timestamp now = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
      Long id =
          jdbc.queryForObject(
              """
              insert into elder (name, sex, birth_date, id_number, address, district, street,
                 community, grid, primary_phone, disability_level, self_care, call_window_start,
                 call_window_end, consent, status, created_at, updated_at)
              values (?, 'FEMALE', ?, ?, '测试地址', ?, ?, ?, ?, ?, ?, ?, ?::time, ?::time, ?, ?, ?, ?)
              returning id
              """,
              Long.class,
              "老人" + n,
              born,
              TestElders.idNumber(LocalDate.of(1930, 1, 1).plusDays(n / 500), n, false),
              district,
              street,
              community,
              community + "第1网格",
              primary,
              disability,
              selfCare,
              windowStart,
              windowEnd,
              consent,
              status,
              now,
              now);
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
}
