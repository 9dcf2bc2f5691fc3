package org.tanfang.escalation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.shared.Text;

/** What the family notification reads: an elder's contacts, its calls and their results. */
@Repository
class FamilyContacts {
  private final JdbcTemplate jdbc;

  FamilyContacts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One emergency contact, in the registry's order. */
  record Contact(int index, String relation, String phone) {
    /** Its number and relation as the desk shows them (phone masked). */
    List<Object> label() {
      return List.of(index + 1, relation == null ? "" : relation, PhoneNumbers.mask(phone));
    }
  }

  /** A notification call: the case, which contact and its number. */
  record NoticeCall(long escalationId, int attemptNo, Contact contact) {}

  /** One call of a notification and how it ended. */
  record Tried(int attemptNo, int phoneIndex, String result) {
    Text text() {
      return Text.of("family.result." + (result == null ? "FAILED" : result), phoneIndex + 1);
    }
  }

  List<Contact> of(long elderId) {
    return jdbc.query(
        "select relation, phone from emergency_contact where elder_id = ? order by position",
        (rs, n) -> new Contact(n, rs.getString("relation"), rs.getString("phone")),
        elderId);
  }

  /** The attempt, if it is a call of a case's family notification. */
  Optional<NoticeCall> call(long attemptId) {
    return jdbc
        .query(
            """
            select v.escalation_id, a.attempt_no, a.phone, a.phone_index,
                   (select c.relation from emergency_contact c
                    where c.elder_id = v.elder_id and c.phone = a.phone
                    order by c.position limit 1) as relation
            from call_attempt a join visit v on v.id = a.visit_id
            where a.id = ? and v.purpose = 'FAMILY_NOTICE' and v.escalation_id is not null
            """,
            (rs, i) ->
                new NoticeCall(
                    rs.getLong("escalation_id"),
                    rs.getInt("attempt_no"),
                    new Contact(
                        rs.getInt("phone_index"), rs.getString("relation"), rs.getString("phone"))),
            attemptId)
        .stream()
        .findFirst();
  }

  /** The notification's calls, oldest first. */
  List<Tried> tried(long visitId) {
    return jdbc.query(
        "select attempt_no, phone_index, result from call_attempt where visit_id = ?"
            + " order by attempt_no",
        (rs, i) ->
            new Tried(rs.getInt("attempt_no"), rs.getInt("phone_index"), rs.getString("result")),
        visitId);
  }

  /** The notification visit, locked, with its case's state; empty if it is not one. */
  Optional<Map<String, Object>> lockNotice(long visitId) {
    return jdbc
        .queryForList(
            """
            select v.elder_id, v.status, v.escalation_id, e.state from visit v
            join escalation e on e.id = v.escalation_id
            where v.id = ? and v.purpose = 'FAMILY_NOTICE' for update of v
            """,
            visitId)
        .stream()
        .findFirst();
  }

  boolean callPending(long visitId) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from call_attempt where visit_id = ?"
                + " and status in ('SCHEDULED', 'DIALING', 'IN_CALL')",
            Integer.class,
            visitId);
    return n != null && n > 0;
  }

  /** Whether a contact answered with a valid key (1 safe, 2 visit). */
  boolean confirmed(long visitId) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from visit_answer where visit_id = ? and area = 'CONTACT'"
                + " and intent in ('FINE', 'NEEDS')",
            Integer.class,
            visitId);
    return n != null && n > 0;
  }

  /** Open UNREACHABLE cases whose notification never started (and had contacts). */
  List<Long> unstarted() {
    return jdbc.queryForList(
        """
        select e.id from escalation e
        where e.type = 'UNREACHABLE' and e.state <> 'RESOLVED'
          and not exists (select 1 from visit v where v.escalation_id = e.id
                          and v.purpose = 'FAMILY_NOTICE')
          and not exists (select 1 from escalation_event h where h.escalation_id = e.id
                          and h.action = 'FAMILY_NONE')
        """,
        Long.class);
  }

  /** Open notifications with no call under way or scheduled: their next step was lost. */
  List<Long> stalled() {
    return jdbc.queryForList(
        """
        select v.id from visit v where v.purpose = 'FAMILY_NOTICE' and v.escalation_id is not null
          and v.status in ('PLANNED', 'IN_PROGRESS')
          and not exists (select 1 from call_attempt a where a.visit_id = v.id
                          and a.status in ('SCHEDULED', 'DIALING', 'IN_CALL'))
        """,
        Long.class);
  }
}
