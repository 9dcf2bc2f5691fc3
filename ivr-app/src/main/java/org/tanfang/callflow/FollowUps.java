package org.tanfang.callflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.callflow.FollowUpRules.Rule;

/**
 * Conversation memory: which follow-ups a call asks before the questionnaire. Reads the elder's
 * previous visit (the latest other visit with answers in the six areas, phone or home) and applies
 * the rules loaded at start-up (a broken file stops the start).
 */
@Component
public class FollowUps {
  private static final String AREAS =
      "('HEALTH', 'LIVING', 'FAMILY', 'SAFETY', 'CARE_NEEDS', 'SPECIAL')";

  /**
   * A follow-up this call makes.
   *
   * @param followsUp the previous visit's {@code visit_answer} id
   * @param acknowledged staff resolved the need since: say so instead of asking
   */
  public record Due(Rule rule, long followsUp, boolean acknowledged) {}

  private record Previous(long id, Area area, Intent intent, Timestamp at) {}

  private final FollowUpRules rules;
  private final JdbcTemplate jdbc;

  /** {@code ('NEEDS')}: checked names (FollowUpRules), safe to write into the query. */
  private final String acknowledgeTypes;

  FollowUps(CallflowProperties props, ResourceLoader resources, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    try {
      this.rules = FollowUpRules.load(resources.getResource(props.followUps()).getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + props.followUps(), e);
    }
    List<String> types =
        rules.rules().stream()
            .map(Rule::acknowledgeWhenResolved)
            .filter(Objects::nonNull)
            .distinct()
            .map(t -> "'" + t + "'")
            .toList();
    this.acknowledgeTypes = types.isEmpty() ? "('')" : "(" + String.join(", ", types) + ")";
  }

  public FollowUpRules rules() {
    return rules;
  }

  /** What to ask first in visit {@code visitId} of the elder, in rule order, at most the limit. */
  public List<Due> due(long elderId, long visitId) {
    // The record a person wrote when resolving such a case is not "the last visit": the call
    // that found the need stays it, and the need is acknowledged as resolved.
    List<Long> previous =
        jdbc.queryForList(
            "select a.visit_id from visit_answer a join visit v on v.id = a.visit_id"
                + " where v.elder_id = ? and a.visit_id <> ? and a.area in "
                + AREAS
                + " and not exists (select 1 from escalation r where r.resolution_visit_id = v.id"
                + " and r.type in "
                + acknowledgeTypes
                + ")"
                + " order by a.answered_at desc, a.id desc limit 1",
            Long.class,
            elderId,
            visitId);
    if (previous.isEmpty()) {
      return List.of();
    }
    // The last answer per area (a retried visit may have answered an area twice).
    Map<Area, Previous> byArea = new LinkedHashMap<>();
    jdbc.query(
        "select id, area, intent, answered_at from visit_answer where visit_id = ? and area in "
            + AREAS
            + " order by id",
        rs -> {
          Area area = Area.valueOf(rs.getString("area"));
          byArea.put(
              area,
              new Previous(
                  rs.getLong("id"),
                  area,
                  Intent.valueOf(rs.getString("intent")),
                  rs.getTimestamp("answered_at")));
        },
        previous.get(0));
    // A retry of this visit does not ask again what an earlier attempt already followed up.
    Set<String> asked =
        new HashSet<>(
            jdbc.queryForList(
                "select follow_up_rule from visit_answer where visit_id = ?"
                    + " and area = 'FOLLOW_UP'",
                String.class,
                visitId));
    List<Due> due = new ArrayList<>();
    for (Rule rule : rules.rules()) {
      Previous p = byArea.get(rule.area());
      if (due.size() >= rules.maxPerCall()
          || p == null
          || !rule.intents().contains(p.intent())
          || asked.contains(rules.ruleRef(rule))) {
        continue;
      }
      due.add(new Due(rule, p.id(), resolvedSince(elderId, rule, p)));
    }
    return due;
  }

  /** The elder's case of the rule's type was resolved since the answer, and none is open. */
  private boolean resolvedSince(long elderId, Rule rule, Previous p) {
    if (rule.acknowledgeWhenResolved() == null) {
      return false;
    }
    Boolean resolved =
        jdbc.queryForObject(
            "select exists (select 1 from escalation where elder_id = ? and type = ?"
                + " and state = 'RESOLVED' and resolved_at >= ?)"
                + " and not exists (select 1 from escalation where elder_id = ? and type = ?"
                + " and state <> 'RESOLVED')",
            Boolean.class,
            elderId,
            rule.acknowledgeWhenResolved(),
            p.at(),
            elderId,
            rule.acknowledgeWhenResolved());
    return Boolean.TRUE.equals(resolved);
  }
}
