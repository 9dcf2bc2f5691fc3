package org.tanfang.demo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderRepository;
import org.tanfang.registry.ElderValidator;
import org.tanfang.system.RunMode;

/**
 * Seeds the demo population once (remembered in {@code app_setting}, so deleting demo elders does
 * not bring them back). {@code tanfang.demo.enabled}: {@code auto} (default) seeds only in dev mode
 * (the embedded database, {@link RunMode#DEV}), {@code true} always, {@code false} never.
 */
@Component
@Order(10)
class DemoSeeder implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
  static final String MARKER = "demo.seeded";

  private final ElderValidator validator;
  private final ElderRepository repository;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final boolean enabled;
  private final int size;

  DemoSeeder(
      ElderValidator validator,
      ElderRepository repository,
      JdbcTemplate jdbc,
      Clock clock,
      RunMode runMode,
      @Value("${tanfang.demo.enabled:auto}") String enabled,
      @Value("${tanfang.demo.size:200}") int size) {
    this.validator = validator;
    this.repository = repository;
    this.jdbc = jdbc;
    this.clock = clock;
    this.enabled = runMode.resolve(enabled);
    this.size = size;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (!enabled || alreadySeeded()) {
      return;
    }
    LocalDate today = LocalDate.now(clock);
    List<Elder> elders =
        DemoPopulation.generate(size, today).stream()
            .map(validator::validate)
            .map(
                result -> {
                  if (!result.valid()) {
                    throw new IllegalStateException("Demo elder is invalid: " + result.problems());
                  }
                  return result.draft().newElder(clock.instant());
                })
            .toList();
    repository.saveAll(elders);
    jdbc.update(
        "insert into app_setting (key, value, updated_at) values (?, ?, ?)",
        MARKER,
        String.valueOf(elders.size()),
        Timestamp.from(clock.instant()));
    log.info("Seeded the demo population: {} elders", elders.size());
  }

  private boolean alreadySeeded() {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from app_setting where key = ?", Integer.class, MARKER);
    return n != null && n > 0;
  }
}
