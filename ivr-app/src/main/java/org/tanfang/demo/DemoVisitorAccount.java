package org.tanfang.demo;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.security.InitialAccounts;
import org.tanfang.security.UserAccounts;
import org.tanfang.system.RunMode;
import org.tanfang.visitors.VisitorAccounts;

/**
 * Dev mode: a VISITOR account {@code visitor}, bound to the demo visitor with the most open
 * home-visit tasks (after the start-up planning made them), so a new user can try the visitors'
 * phone pages. Created once, like the first accounts: a random password printed once to the log, to
 * be changed at the first sign-in (remembered in {@code app_setting}, so deleting the account does
 * not bring it back). Follows {@code tanfang.demo.enabled}.
 */
@Component
@Order(30)
class DemoVisitorAccount implements ApplicationRunner {
  static final String USERNAME = "visitor";
  static final String MARKER = "demo.visitorAccount";
  private static final Logger log = LoggerFactory.getLogger(DemoVisitorAccount.class);

  private final VisitorAccounts visitors;
  private final UserAccounts accounts;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final boolean enabled;

  DemoVisitorAccount(
      VisitorAccounts visitors,
      UserAccounts accounts,
      JdbcTemplate jdbc,
      Clock clock,
      RunMode runMode,
      @Value("${tanfang.demo.enabled:auto}") String enabled) {
    this.visitors = visitors;
    this.accounts = accounts;
    this.jdbc = jdbc;
    this.clock = clock;
    this.enabled = runMode.resolve(enabled);
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!enabled || marked() || accounts.exists(USERNAME)) {
      return;
    }
    List<String> busiest =
        jdbc.queryForList(
            """
            select e.visitor_phone from elder e
            left join visit v on v.elder_id = e.id and v.kind = 'HOME'
                             and v.status in ('PLANNED', 'IN_PROGRESS')
            where e.visitor_phone is not null and e.status = 'ACTIVE'
              and e.visitor_phone not in (select visitor_phone from visitor_account)
            group by e.visitor_phone
            order by count(v.id) desc, count(distinct e.id) desc, e.visitor_phone limit 1
            """,
            String.class);
    if (busiest.isEmpty()) {
      return;
    }
    String phone = busiest.get(0);
    String name =
        jdbc.queryForObject(
            "select coalesce(max(visitor_name), ?) from elder where visitor_phone = ?",
            String.class,
            USERNAME,
            phone);
    String password = InitialAccounts.randomPassword();
    visitors.create(new VisitorAccounts.NewVisitor(USERNAME, name, phone, password));
    accounts.setTemporaryPassword(USERNAME, password);
    jdbc.update(
        "insert into app_setting (key, value, updated_at) values (?, ?, ?)",
        MARKER,
        USERNAME,
        Timestamp.from(clock.instant()));
    log.warn(
        """

        ================================================================
         Dev mode: a demo VISITOR account for the visitors' phone pages
         (/visit), bound to the demo visitor {}. Shown only this once;
         to be changed at the first sign-in.
           visitor    / {}
        ================================================================""",
        name,
        password);
  }

  private boolean marked() {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from app_setting where key = ?", Integer.class, MARKER);
    return n != null && n > 0;
  }
}
