package org.tanfang.testsupport;

import org.springframework.jdbc.core.JdbcTemplate;

/** Test data helpers. */
public final class Database {
  private Database() {}

  /** Removes all elders and audit entries; accounts stay. */
  public static void clean(JdbcTemplate jdbc) {
    jdbc.execute(
        "truncate elder, elder_category, elder_phone, emergency_contact, audit_event restart identity cascade");
  }
}
