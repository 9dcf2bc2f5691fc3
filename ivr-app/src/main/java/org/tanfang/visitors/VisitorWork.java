package org.tanfang.visitors;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.scheduling.ElderCycle;
import org.tanfang.security.AuditLog;
import org.tanfang.shared.Texts;

/**
 * A visitor's work, read for their pages: their elders (those whose registry visitor has the
 * account's phone), their tasks by due date (the visitor pool's cases of their elders — home visits
 * and unreachable elders — and any case handed to or taken by them), and one elder's card.
 */
@Service
public class VisitorWork {
  /**
   * Open cases a visitor works on; {@code ?1} the visitor phone, {@code ?2}/{@code ?3} the user.
   */
  static final String MY_CASES =
      """
      e.state <> 'RESOLVED'
      and ((el.visitor_phone = ? and e.type in ('HOME_VISIT', 'UNREACHABLE'))
           or e.assigned_to = ? or e.claimed_by = ?)
      and not (e.type = 'HOME_VISIT'
               and exists (select 1 from visit v where v.id = e.visit_id and v.status = 'CANCELLED'))
      """;

  private final JdbcTemplate jdbc;
  private final ElderService elders;
  private final ElderCycle cycles;
  private final Texts texts;
  private final AuditLog audit;
  private final java.time.Clock clock;

  VisitorWork(
      JdbcTemplate jdbc,
      ElderService elders,
      ElderCycle cycles,
      Texts texts,
      AuditLog audit,
      java.time.Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.elders = elders;
    this.cycles = cycles;
    this.texts = texts;
    this.audit = audit;
  }

  /** Who is asking: the account and the visitor phone it is bound to (null if unbound). */
  public record Me(String username, String phone) {}

  public record Task(
      long id,
      String type,
      String state,
      Instant deadline,
      boolean overdue,
      String reason,
      long elderId,
      String elderName,
      String region,
      String claimedBy) {}

  public record MyElder(long id, String name, String region, String visitMode, int openTasks) {}

  /** One earlier call or visit and what it found. */
  public record PastVisit(
      long id, String kind, String purpose, String outcome, Instant at, List<Finding> findings) {}

  public record Finding(String questionId, String area, String intent, String needs) {}

  /** The elder as their visitor sees them (see {@link VisitorMasking}). */
  public record Card(
      long id,
      String name,
      String sex,
      int age,
      String idNumber,
      String address,
      String region,
      String primaryPhone,
      List<String[]> contacts,
      boolean openTask,
      List<Task> tasks,
      List<PastVisit> past,
      ElderCycle.View cycle) {}

  public List<Task> tasks(Me me, Instant now, Locale locale) {
    return jdbc.query(
        "select e.id, e.type, e.state, e.deadline, e.reason, e.reason_key, e.reason_args,"
            + " e.claimed_by, el.id as elder_id, el.name, el.district, el.street, el.community"
            + " from escalation e join elder el on el.id = e.elder_id where "
            + MY_CASES
            + " order by e.deadline, e.id",
        (rs, n) -> {
          Instant deadline = rs.getTimestamp("deadline").toInstant();
          return new Task(
              rs.getLong("id"),
              rs.getString("type"),
              rs.getString("state"),
              deadline,
              deadline.isBefore(now),
              texts.render(
                  rs.getString("reason_key"), rs.getString("reason_args"), rs.getString("reason")),
              rs.getLong("elder_id"),
              rs.getString("name"),
              rs.getString("district")
                  + " "
                  + rs.getString("street")
                  + " "
                  + rs.getString("community"),
              rs.getString("claimed_by"));
        },
        me.phone(),
        me.username(),
        me.username());
  }

  public List<MyElder> elders(Me me) {
    return jdbc.query(
        """
        select el.id, el.name, el.district, el.street, el.community, el.self_care, el.consent,
               (select count(*) from escalation e where e.elder_id = el.id and e.state <> 'RESOLVED'
                  and e.type in ('HOME_VISIT', 'UNREACHABLE')) as open_tasks
        from elder el where el.visitor_phone = ? and el.status = 'ACTIVE'
        order by el.community, el.name, el.id
        """,
        (rs, n) ->
            new MyElder(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("street") + " " + rs.getString("community"),
                rs.getBoolean("self_care") && rs.getBoolean("consent") ? "PHONE" : "HOME",
                rs.getInt("open_tasks")),
        me.phone());
  }

  /** The elder's card, or empty when it is not one of this visitor's elders (audit-logged). */
  @Transactional
  public Optional<Card> card(Me me, long elderId, Instant now, Locale locale) {
    List<Task> tasks = tasks(me, now, locale).stream().filter(t -> t.elderId() == elderId).toList();
    Integer mine =
        jdbc.queryForObject(
            "select count(*) from elder where id = ? and visitor_phone = ?",
            Integer.class,
            elderId,
            me.phone());
    if (mine == 0 && tasks.isEmpty()) {
      return Optional.empty();
    }
    Elder e = elders.get(elderId);
    boolean open = !tasks.isEmpty();
    audit.record("VIEW", "elder", elderId, open ? "visitor, open task" : "visitor, masked");
    List<String[]> contacts =
        e.emergencyContacts().stream()
            .map(c -> new String[] {c.name(), c.relation(), VisitorMasking.phone(c.phone(), open)})
            .toList();
    return Optional.of(
        new Card(
            e.id(),
            e.name(),
            e.sex().name(),
            e.ageOn(now.atZone(clock.getZone()).toLocalDate()),
            VisitorMasking.idNumber(e.idNumber()),
            VisitorMasking.address(e.address(), open),
            e.region().district() + " " + e.region().street() + " " + e.region().community(),
            VisitorMasking.phone(e.primaryPhone(), open),
            contacts,
            open,
            tasks,
            past(elderId),
            cycles.of(elderId).orElse(null)));
  }

  /** The last five visits with an outcome (robocalls and people), newest first, with answers. */
  private List<PastVisit> past(long elderId) {
    return jdbc.query(
        """
        select id, kind, purpose, outcome, coalesce(ended_at, started_at, planned_at) as at
        from visit where elder_id = ? and purpose not in ('TEST', 'FAMILY_NOTICE')
          and status in ('DONE', 'UNREACHABLE')
        order by coalesce(ended_at, started_at, planned_at) desc nulls last, id desc limit 5
        """,
        (rs, n) ->
            new PastVisit(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("purpose"),
                rs.getString("outcome"),
                rs.getTimestamp("at") == null ? null : rs.getTimestamp("at").toInstant(),
                findings(rs.getLong("id"))),
        elderId);
  }

  private List<Finding> findings(long visitId) {
    return jdbc.query(
        "select question_id, area, intent, needs from visit_answer where visit_id = ?"
            + " and area not in ('IDENTITY', 'CONTACT') order by id",
        (rs, n) ->
            new Finding(
                rs.getString("question_id"),
                rs.getString("area"),
                rs.getString("intent"),
                rs.getString("needs")),
        visitId);
  }
}
