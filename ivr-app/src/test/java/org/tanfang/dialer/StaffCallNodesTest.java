package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * Two nodes share one database and one PBX, and every AMI event of a click-to-call reaches both
 * nodes' connections: only the node that placed a call-back follows its events (as for attempts,
 * {@code CallAttempts.Tracked#followedBy}). Each node's {@link StaffCallTracker} here is given
 * every event of both nodes' call-backs, the other node's first, in the order Asterisk 22 sends
 * them for an answered call-back (trace 10: OriginateResponse Success, DialEnd ANSWER, the staff
 * leg's Hangup); each ends its own call-back and tells its own desk, once.
 */
@TanfangTest
class StaffCallNodesTest {
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired DialerProperties props;
  @Autowired Clock clock;
  @Autowired PlatformTransactionManager transactions;
  @Autowired AmiEventQueue queue;
  @Autowired UserAccounts accounts;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    if (!accounts.exists(DESK)) {
      accounts.create(DESK, "nodes-desk-password", Role.STAFF, "两节点坐席");
    }
  }

  private static final String DESK = "nodes-desk";

  /** One node: its rows (which remember it as the placer) and its tracker, telling its desk. */
  private final class Node {
    final StaffCallRows rows;
    final StaffCallTracker tracker;
    final List<StaffCallEnded> told = new CopyOnWriteArrayList<>();
    final String name;

    Node(String name) {
      this.name = name;
      DialerProperties p =
          new DialerProperties(
              props.ami(),
              props.pbx(),
              props.reconnectInterval(),
              props.lostAfter(),
              props.maxCallDuration(),
              props.sweepInterval(),
              name,
              props.earlyMedia(),
              props.drainTimeout(),
              props.wrapUpTimeout(),
              props.dialThreads());
      ApplicationEventPublisher desk =
          e -> {
            if (e instanceof StaffCallEnded ended) {
              told.add(ended);
            }
          };
      rows = new StaffCallRows(jdbc, p);
      tracker = new StaffCallTracker(rows, desk, clock, transactions, queue, p);
    }

    /** A call-back this node places: its row, then the channel id the Originate would carry. */
    String place(long escalationId, String elderPhone) {
      String channelId = StaffCallTracker.CHANNEL_PREFIX + escalationId + "-" + name;
      rows.insert(escalationId, DESK, "8001", elderPhone, "sim", channelId, clock.instant());
      return channelId;
    }

    void hear(ManagerEvent e) {
      if (tracker.follows(e)) {
        tracker.onEvent(null, e);
      }
    }
  }

  private static List<ManagerEvent> answeredCallBack(String channelId) {
    OriginateResponseEvent response = new OriginateResponseEvent("test");
    response.setUniqueId(channelId);
    response.setResponse("Success");
    response.setReason(4);
    DialEndEvent dialEnd = new DialEndEvent("test");
    dialEnd.setUniqueId(channelId);
    dialEnd.setDialStatus("ANSWER");
    HangupEvent hangup = new HangupEvent("test");
    hangup.setUniqueId(channelId);
    hangup.setChannel("PJSIP/8001-00000001");
    hangup.setCause(16);
    return List.of(response, dialEnd, hangup);
  }

  private long distressCase() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    return escalations.open(
        NewEscalation.of(
            elder.id(),
            EscalationType.DISTRESS,
            null,
            null,
            Text.of("reason.distressTransferred")));
  }

  @Test
  void givenTwoNodesCallBacksInOneDatabase_whenBothHearEveryEvent_thenEachEndsOnlyItsOwn() {
    Node a = new Node("node-a");
    Node b = new Node("node-b");
    long caseA = distressCase();
    long caseB = distressCase();
    String channelA = a.place(caseA, "13800001111");
    String channelB = b.place(caseB, "13800002222");

    List<ManagerEvent> eventsA = answeredCallBack(channelA);
    List<ManagerEvent> eventsB = answeredCallBack(channelB);
    for (int i = 0; i < eventsA.size(); i++) {
      // The other node hears each event first: it must leave the call-back alone.
      b.hear(eventsA.get(i));
      a.hear(eventsA.get(i));
      a.hear(eventsB.get(i));
      b.hear(eventsB.get(i));
    }

    assertThat(a.told).extracting(StaffCallEnded::escalationId).containsExactly(caseA);
    assertThat(b.told).extracting(StaffCallEnded::escalationId).containsExactly(caseB);
    assertThat(
            jdbc.queryForList(
                "select s.escalation_id || ' ' || n.node || ' ' || s.status || ' ' || s.result"
                    + " from staff_call s join dialer_channel_node n using (channel_id)"
                    + " order by s.escalation_id",
                String.class))
        .containsExactly(caseA + " node-a ENDED ANSWERED", caseB + " node-b ENDED ANSWERED");
  }
}
