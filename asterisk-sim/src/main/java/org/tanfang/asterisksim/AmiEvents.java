package org.tanfang.asterisksim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans events out to every logged-in AMI session, as {@code manager_event} appends each event to
 * the shared event queue that all sessions read (main/manager.c). Each session filters by its event
 * mask.
 */
final class AmiEvents {

  /**
   * The event classes the sim emits; the privilege text is "category,all" like authority_to_str.
   */
  enum Category {
    SYSTEM("system"),
    CALL("call"),
    DTMF("dtmf"),
    DIALPLAN("dialplan"),
    AGI("agi"),
    /** EVENT_FLAG_AGENT: app_queue's caller and member events. */
    AGENT("agent"),
    /** EVENT_FLAG_REPORTING: granted by Tanfang's manager.conf; the sim sends nothing in it. */
    REPORTING("reporting");

    final String label;

    Category(String label) {
      this.label = label;
    }

    String privilege() {
      return label + ",all";
    }
  }

  /**
   * The {@code read} classes of Tanfang's AMI user in {@code dialplans/manager.conf}: a session
   * receives only events of these classes, whatever it asks for at login (Asterisk ANDs the
   * requested mask with the user's readperm). So VarSet, Newexten (dialplan), AGIExec (agi) and
   * DTMF events are never sent, as in the real Asterisk 22 traces.
   */
  static final String TANFANG_READ = "call,system,reporting,agent";

  private final List<AmiSession> sessions = new CopyOnWriteArrayList<>();

  void register(AmiSession s) {
    sessions.add(s);
  }

  void unregister(AmiSession s) {
    sessions.remove(s);
  }

  List<AmiSession> sessions() {
    return List.copyOf(sessions);
  }

  /** Builds the event's first two headers; callers add the body and publish it. */
  static AmiMessage event(String name, Category category) {
    return AmiMessage.event(name, category.privilege());
  }

  void publish(Category category, AmiMessage event) {
    for (AmiSession s : sessions) {
      s.deliver(category, event);
    }
  }
}
