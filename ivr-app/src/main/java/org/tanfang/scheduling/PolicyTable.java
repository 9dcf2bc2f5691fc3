package org.tanfang.scheduling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.District;
import org.tanfang.scheduler.policy.PolicyRule;
import org.tanfang.scheduler.policy.RuleCondition;
import org.tanfang.scheduler.policy.VisitPolicy;
import org.tanfang.scheduler.policy.VisitPolicyBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The visit policy in force per district: the city rule, tightened by the newest active row of
 * {@code district_policy}. A row that would loosen the city rule, or that cannot be read, is
 * ignored with an error in the log, so the city rule always holds.
 *
 * <p>Rules JSON: {@code {"advancedAge": 75, "halfMonthFor": ["EMPTY_NEST"], "monthlyFromAge": 90,
 * "robocallSupplement": false}}, every key optional.
 */
@Component
public class PolicyTable {
  private static final Logger log = LoggerFactory.getLogger(PolicyTable.class);

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private volatile Map<String, VisitPolicy> byDistrict = Map.of();
  private volatile boolean loaded;
  private final VisitPolicy city = VisitPolicy.haikouCity();

  PolicyTable(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public VisitPolicy forDistrict(String district) {
    if (!loaded) {
      reload();
    }
    return byDistrict.getOrDefault(district, city);
  }

  /** Reads the table again (planning does, so a new row applies from the next run). */
  public synchronized void reload() {
    Map<String, VisitPolicy> policies = new HashMap<>();
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            """
            select distinct on (district) district, version, rules::text as rules
            from district_policy where active
            order by district, created_at desc, id desc
            """);
    for (Map<String, Object> row : rows) {
      String district = (String) row.get("district");
      try {
        policies.put(
            district, build(district, (String) row.get("version"), (String) row.get("rules")));
      } catch (RuntimeException e) {
        log.error(
            "District policy {} of {} ignored: {}", row.get("version"), district, e.getMessage());
      }
    }
    byDistrict = Map.copyOf(policies);
    loaded = true;
  }

  VisitPolicy build(String district, String version, String rulesJson) {
    JsonNode rules = json.readTree(rulesJson);
    VisitPolicyBuilder builder =
        city.forDistrict(new District(district, district)).version(version);
    if (rules.has("advancedAge")) {
      builder.advancedAgeFrom(rules.get("advancedAge").asInt());
    }
    if (rules.has("halfMonthFor")) {
      for (JsonNode category : rules.get("halfMonthFor")) {
        builder.halfMonthFor(Category.valueOf(category.asString()));
      }
    }
    if (rules.has("monthlyFromAge")) {
      int age = rules.get("monthlyFromAge").asInt();
      builder.rule(PolicyRule.monthly(age + "岁以上", RuleCondition.ageAtLeast(age)));
    }
    if (rules.has("robocallSupplement")) {
      builder.robocallSupplementForHomeVisits(rules.get("robocallSupplement").asBoolean());
    }
    return builder.build();
  }
}
