package org.tanfang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestElders;

/** The import's bulk writer must store exactly what the repository stores. */
@TanfangTest
class ElderBatchWriterTest {
  @Autowired ElderBatchWriter writer;
  @Autowired ElderRepository repository;
  @Autowired ElderValidator validator;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @BeforeEach
  void clean() {
    Rows.clean(jdbc);
  }

  private ElderDraft draft(String name, int n) {
    ElderForm form = TestElders.form(name, TestElders.idNumber(LocalDate.of(1941, 2, 3), n, false));
    ElderForm withMore =
        new ElderForm(
            form.name(),
            form.sex(),
            form.birthDate(),
            form.idNumber(),
            form.address(),
            form.district(),
            form.street(),
            form.community(),
            form.grid(),
            form.primaryPhone(),
            List.of("0898-66123456", "13700000001"),
            List.of("孤寡", "独居"),
            "重度",
            "2",
            null,
            form.dialect(),
            form.callWindowStart(),
            form.callWindowEnd(),
            false,
            List.of(
                form.emergencyContacts().get(0),
                new ElderForm.ContactForm("李四", "邻居", "13600000002")),
            form.visitor(),
            "备注");
    return validator.validate(withMore).draft();
  }

  @Test
  void shouldInsertWhatTheRepositoryWouldInsert() {
    Elder viaRepository = repository.save(draft("甲", 1).newElder(clock.instant()));
    writer.insert(List.of(draft("甲", 2).newElder(clock.instant())));

    Elder viaBatch =
        repository.findAll().stream()
            .filter(e -> !e.id().equals(viaRepository.id()))
            .findFirst()
            .orElseThrow();
    Elder reloaded = repository.findById(viaRepository.id()).orElseThrow();
    assertThat(ElderDraft.of(viaBatch))
        .usingRecursiveComparison()
        .ignoringFields("idNumber", "birthDate", "sex")
        .isEqualTo(ElderDraft.of(reloaded));
    assertThat(viaBatch.version()).isZero();
    assertThat(viaBatch.status()).isEqualTo(ElderStatus.ACTIVE);
  }

  @Test
  void shouldReplaceDataAndCollectionsOnUpdate() {
    Elder stored = repository.save(draft("乙", 3).newElder(clock.instant()));
    ElderDraft changed = validator.validate(TestElders.form("乙改", stored.idNumber())).draft();

    writer.update(List.of(changed.applyTo(stored, clock.instant())));

    Elder reloaded = repository.findById(stored.id()).orElseThrow();
    assertThat(ElderDraft.of(reloaded)).isEqualTo(changed);
    assertThat(reloaded.version()).isEqualTo(stored.version() + 1);
    assertThat(jdbc.queryForObject("select count(*) from emergency_contact", Integer.class))
        .isEqualTo(1);
  }
}
