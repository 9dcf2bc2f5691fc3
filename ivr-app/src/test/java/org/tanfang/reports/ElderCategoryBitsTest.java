package org.tanfang.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderBatchWriter;
import org.tanfang.registry.ElderForm;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.ElderValidator;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestElders;

/**
 * {@code elder.category_bits} (V59) follows every write of {@code elder_category}: bit i is the
 * category of ordinal i, as {@link CoverageDecisions} reads it; and coverage, which reads only the
 * bits, follows each change of an elder's categories.
 */
@TanfangTest
class ElderCategoryBitsTest {
  static final YearMonth MARCH = YearMonth.of(2026, 3);

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired ElderService elders;
  @Autowired ElderBatchWriter batch;
  @Autowired ElderValidator validator;
  @Autowired CoverageFigures coverage;
  Rows rows;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    clock.setLocal("2026-03-20T10:00:00");
  }

  private static int bits(Category... categories) {
    int bits = 0;
    for (Category c : categories) {
      bits |= 1 << c.ordinal();
    }
    return bits;
  }

  private int bitsOf(long elder) {
    return jdbc.queryForObject(
        "select category_bits from elder where id = ?", Integer.class, elder);
  }

  /** Every elder's kept bits against a recount of elder_category: equal for all of them. */
  private void keptBitsAreTheRecount() {
    assertThat(
            jdbc.queryForList(
                "select e.id from elder e where e.category_bits <> coalesce((select"
                    + " bit_or(category_bit(c.category)) from elder_category c"
                    + " where c.elder_id = e.id), 0)",
                Long.class))
        .isEmpty();
  }

  private void insert(long elder, Category c) {
    jdbc.update("insert into elder_category (elder_id, category) values (?, ?)", elder, c.name());
  }

  @Test
  void theSqlBitOfEachCategoryIsItsOrdinal() {
    for (Category c : Category.values()) {
      assertThat(jdbc.queryForObject("select category_bit(?)", Integer.class, c.name()))
          .as(c.name())
          .isEqualTo(1 << c.ordinal());
    }
    assertThat(jdbc.queryForObject("select category_bit('NO_SUCH')", Integer.class)).isZero();
  }

  @Test
  void bitsFollowInsertsUpdatesMovesAndDeletes() {
    long a = rows.elder().categories("EMPTY_NEST").save();
    long b = rows.elder().categories().save();
    assertThat(bitsOf(a)).isEqualTo(bits(Category.EMPTY_NEST));
    assertThat(bitsOf(b)).isZero();

    insert(a, Category.SEVERE_DISABILITY);
    assertThat(bitsOf(a)).isEqualTo(bits(Category.EMPTY_NEST, Category.SEVERE_DISABILITY));
    // several rows of several elders in one statement
    jdbc.update(
        "insert into elder_category (elder_id, category) values (?, 'LIVING_ALONE'),"
            + " (?, 'LIVING_ALONE'), (?, 'LEFT_BEHIND')",
        a,
        b,
        b);
    assertThat(bitsOf(a))
        .isEqualTo(bits(Category.EMPTY_NEST, Category.SEVERE_DISABILITY, Category.LIVING_ALONE));
    assertThat(bitsOf(b)).isEqualTo(bits(Category.LIVING_ALONE, Category.LEFT_BEHIND));

    // a category changed in place
    jdbc.update(
        "update elder_category set category = 'DISABLED_CARE' where elder_id = ?"
            + " and category = 'SEVERE_DISABILITY'",
        a);
    assertThat(bitsOf(a))
        .isEqualTo(bits(Category.EMPTY_NEST, Category.DISABLED_CARE, Category.LIVING_ALONE));
    // a row moved to another elder: out of one, into the other
    jdbc.update(
        "update elder_category set elder_id = ? where elder_id = ? and category = 'EMPTY_NEST'",
        b,
        a);
    assertThat(bitsOf(a)).isEqualTo(bits(Category.DISABLED_CARE, Category.LIVING_ALONE));
    assertThat(bitsOf(b))
        .isEqualTo(bits(Category.LIVING_ALONE, Category.LEFT_BEHIND, Category.EMPTY_NEST));
    // an update that changes nothing, and one over both elders at once
    jdbc.update("update elder_category set category = category");
    jdbc.update(
        "update elder_category set category = 'FAMILY_PLANNING_SPECIAL'"
            + " where category = 'LIVING_ALONE'");
    assertThat(bitsOf(a)).isEqualTo(bits(Category.DISABLED_CARE, Category.FAMILY_PLANNING_SPECIAL));
    assertThat(bitsOf(b))
        .isEqualTo(
            bits(Category.FAMILY_PLANNING_SPECIAL, Category.LEFT_BEHIND, Category.EMPTY_NEST));
    keptBitsAreTheRecount();

    // a name the enum does not have is no bit (as array_position gave before V59)
    jdbc.update("insert into elder_category (elder_id, category) values (?, 'OTHER')", a);
    assertThat(bitsOf(a)).isEqualTo(bits(Category.DISABLED_CARE, Category.FAMILY_PLANNING_SPECIAL));

    jdbc.update("delete from elder_category where elder_id = ? and category = 'DISABLED_CARE'", a);
    assertThat(bitsOf(a)).isEqualTo(bits(Category.FAMILY_PLANNING_SPECIAL));
    jdbc.update("delete from elder_category where category = 'FAMILY_PLANNING_SPECIAL'");
    assertThat(bitsOf(a)).isZero();
    assertThat(bitsOf(b)).isEqualTo(bits(Category.LEFT_BEHIND, Category.EMPTY_NEST));
    keptBitsAreTheRecount();

    // a deleted elder takes its rows along (the cascade's delete finds the elder already gone)
    jdbc.update("delete from elder where id = ?", b);
    assertThat(jdbc.queryForObject("select count(*) from elder_category", Integer.class))
        .isEqualTo(1); // a's OTHER
    jdbc.update("truncate elder_category");
    assertThat(bitsOf(a)).isZero();
    keptBitsAreTheRecount();
  }

  private ElderForm form(String name, int n, List<String> categories) {
    return TestElders.withCategories(
        TestElders.form(name, TestElders.idNumber(LocalDate.of(1941, 2, 3), n, false)), categories);
  }

  private org.tanfang.registry.ElderDraft valid(ElderForm form) {
    ElderValidator.Result result = validator.validate(form);
    assertThat(result.problems()).isEmpty();
    return result.draft();
  }

  @Test
  void bitsFollowTheRegistryAndTheImportsBulkWriter() {
    long saved = elders.create(form("甲", 1, List.of("孤寡", "独居"))).id();
    assertThat(bitsOf(saved)).isEqualTo(bits(Category.SOLITARY_CHILDLESS, Category.LIVING_ALONE));
    elders.update(saved, form("甲", 1, List.of("空巢")));
    assertThat(bitsOf(saved)).isEqualTo(bits(Category.EMPTY_NEST));
    elders.update(saved, form("甲", 1, List.of()));
    assertThat(bitsOf(saved)).isZero();

    Elder draft = valid(form("乙", 2, List.of("留守", "计划生育特殊家庭"))).newElder(clock.instant());
    long imported = batch.insert(List.of(draft)).get(0);
    assertThat(bitsOf(imported))
        .isEqualTo(bits(Category.LEFT_BEHIND, Category.FAMILY_PLANNING_SPECIAL));
    Elder stored = elders.get(imported);
    batch.update(List.of(valid(form("乙", 2, List.of("独居"))).applyTo(stored, clock.instant())));
    assertThat(bitsOf(imported)).isEqualTo(bits(Category.LIVING_ALONE));
    keptBitsAreTheRecount();
  }

  @Test
  void aRebuildCountsTheSameAsTheTriggers() {
    long a = rows.elder().categories("EMPTY_NEST", "LEFT_BEHIND").save();
    long b = rows.elder().categories("SOLITARY_CHILDLESS").save();
    rows.elder().categories().save();
    jdbc.update("delete from elder_category where elder_id = ? and category = 'LEFT_BEHIND'", a);
    String all = "select id, category_bits from elder order by id";
    List<Map<String, Object>> kept = jdbc.queryForList(all);
    // bits gone wrong (as after a change of category_bit) are put right by the rebuild
    jdbc.update("update elder set category_bits = 127 where id = ?", b);
    jdbc.execute("select elder_category_bits_rebuild()");
    assertThat(jdbc.queryForList(all)).isEqualTo(kept).hasSize(3);
  }

  @Test
  void coverageFollowsEachChangeOfAnEldersCategories() {
    // no category: not in scope; empty nest: a month; childless: half months (DashboardFixtures)
    long elder = rows.elder().in("美兰区", "海甸街道", "沿江社区").categories().save();
    rows.visit(elder)
        .valid(true)
        .status("DONE")
        .endedAt(DashboardFixtures.local("2026-03-18T10:00:00"))
        .save();
    assertThat(coverage.month(MARCH, Area.CITY).inScope().count()).isZero();

    insert(elder, Category.EMPTY_NEST);
    CoverageFigures.Result monthly = coverage.month(MARCH, Area.CITY);
    assertThat(monthly.inScope().ids()).containsExactly(elder);
    assertThat(monthly.covered().ids()).containsExactly(elder);

    jdbc.update(
        "update elder_category set category = 'SOLITARY_CHILDLESS' where elder_id = ?", elder);
    CoverageFigures.Result halves = coverage.month(MARCH, Area.CITY);
    assertThat(halves.inScope().ids()).containsExactly(elder);
    // the first half had no visit
    assertThat(halves.covered().count()).isZero();
    assertThat(halves.uncovered())
        .extracting(CoverageFigures.Uncovered::elderId, CoverageFigures.Uncovered::cycle)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(elder, "2026-03-H1"));
    // moved to another district: still in scope, counted there
    jdbc.update("update elder set district = '龙华区' where id = ?", elder);
    assertThat(coverage.month(MARCH, Area.of("龙华区", null, null, null)).inScope().ids())
        .containsExactly(elder);
    assertThat(coverage.month(MARCH, Area.of("美兰区", null, null, null)).inScope().count()).isZero();

    jdbc.update("delete from elder_category where elder_id = ?", elder);
    assertThat(coverage.month(MARCH, Area.CITY).inScope().count()).isZero();
  }
}
