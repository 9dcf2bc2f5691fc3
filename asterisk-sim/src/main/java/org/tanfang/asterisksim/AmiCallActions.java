package org.tanfang.asterisksim;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The call-related AMI actions: Originate (async and sync, as in {@code action_originate}), Hangup
 * ({@code ast_manager_hangup_helper}), Status ({@code action_status}) and CoreShowChannels ({@code
 * action_coreshowchannels}), all in main/manager.c.
 */
final class AmiCallActions {

  private final Switchboard switchboard;

  AmiCallActions(Switchboard switchboard) {
    this.switchboard = switchboard;
  }

  /** Returns false when the action is not one of these, so the session reports it unknown. */
  boolean handle(String action, AmiMessage m, AmiSession session) throws IOException {
    switch (action) {
      case "originate" -> originate(m, session);
      case "hangup" -> hangup(m, session);
      case "status" -> status(m, session);
      case "coreshowchannels" -> coreShowChannels(m, session);
      case "pjsipshowregistrationsoutbound" -> showRegistrationsOutbound(m, session);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void originate(AmiMessage m, AmiSession session) throws IOException {
    OriginateRequest request;
    try {
      request = OriginateRequest.parse(m);
    } catch (OriginateRequest.Invalid e) {
      session.send(AmiSession.error(m, e.getMessage()));
      return;
    }
    if (request.async()) {
      // Async: acknowledged at once (before any event of the call); the outcome comes later as
      // the OriginateResponse event.
      session.send(
          AmiMessage.response("Success", m).add("Message", "Originate successfully queued"));
      switchboard.originate(request);
      return;
    }
    var outcome = switchboard.originate(request);
    // Sync: Asterisk blocks this session until the call is answered or has failed.
    boolean answered;
    try {
      answered = outcome.get().success();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answered = false;
    } catch (ExecutionException e) {
      answered = false;
    }
    session.send(
        answered
            ? AmiMessage.response("Success", m).add("Message", "Originate successfully queued")
            : AmiSession.error(m, "Originate failed"));
  }

  private void hangup(AmiMessage m, AmiSession session) throws IOException {
    String channel = m.get("Channel", "");
    if (channel.isEmpty()) {
      session.send(AmiSession.error(m, "No channel specified"));
      return;
    }
    int cause = 0;
    try {
      cause = Integer.parseInt(m.get("Cause", "0").trim());
    } catch (NumberFormatException e) {
      // Asterisk also hangs up without a cause when Cause is not a number.
    }
    if (switchboard.hangupChannel(channel, cause)) {
      session.send(AmiMessage.response("Success", m).add("Message", "Channel Hungup"));
    } else {
      session.send(AmiSession.error(m, "No such channel"));
    }
  }

  private void status(AmiMessage m, AmiSession session) throws IOException {
    String only = m.get("Channel", "");
    List<SimChannel> channels =
        switchboard.liveChannels().stream()
            .filter(c -> only.isEmpty() || c.name().equals(only))
            .toList();
    if (!only.isEmpty() && channels.isEmpty()) {
      session.send(AmiSession.error(m, "No such channel"));
      return;
    }
    session.send(
        AmiMessage.response("Success", m)
            .add("EventList", "start")
            .add("Message", "Channel status will follow"));
    String id = m.get("ActionID", "");
    long now = System.currentTimeMillis();
    for (SimChannel c : channels) {
      AmiMessage e = AmiMessage.event("Status", "Call");
      if (!id.isEmpty()) {
        e.add("ActionID", id);
      }
      e.addAll(c.snapshot(""))
          .add("Type", c.tech())
          .add("DNID", "")
          .add("EffectiveConnectedLineNum", SimChannel.orUnknown(c.callerIdNum()))
          .add("EffectiveConnectedLineName", SimChannel.orUnknown(c.callerIdName()))
          .add("TimeToHangup", 0)
          .add("BridgeID", "")
          .add("Application", c.application())
          .add("Data", c.appData())
          .add("Nativeformats", "(ulaw)")
          .add("Readformat", "ulaw")
          .add("Readtrans", "")
          .add("Writeformat", "ulaw")
          .add("Writetrans", "")
          .add("Callgroup", 0)
          .add("Pickupgroup", 0)
          .add("Seconds", (now - switchboard.createdAt(c)) / 1000);
      session.send(e);
    }
    // List-complete events carry no Privilege header (astman_send_list_complete_start_common).
    AmiMessage done = new AmiMessage().add("Event", "StatusComplete");
    if (!id.isEmpty()) {
      done.add("ActionID", id);
    }
    session.send(
        done.add("EventList", "Complete")
            .add("ListItems", channels.size())
            .add("Items", channels.size()));
  }

  /**
   * CoreShowChannels as Asterisk 22 answers it: a list ack ({@code Channels will follow}), one
   * CoreShowChannel event per live channel (both halves of a Local pair; no Privilege header, the
   * snapshot, Application, ApplicationData, Duration {@code HH:MM:SS}, BridgeId), then
   * CoreShowChannelsComplete with EventList Complete and ListItems.
   */
  private void coreShowChannels(AmiMessage m, AmiSession session) throws IOException {
    List<SimChannel> channels = switchboard.liveChannels();
    session.send(
        AmiMessage.response("Success", m)
            .add("EventList", "start")
            .add("Message", "Channels will follow"));
    String id = m.get("ActionID", "");
    long now = System.currentTimeMillis();
    for (SimChannel c : channels) {
      AmiMessage e = new AmiMessage().add("Event", "CoreShowChannel");
      if (!id.isEmpty()) {
        e.add("ActionID", id);
      }
      long s = Math.max(0, (now - switchboard.createdAt(c)) / 1000);
      session.send(
          e.addAll(c.snapshot(""))
              .add("Application", c.application())
              .add("ApplicationData", c.appData())
              .add("Duration", String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60))
              .add("BridgeId", ""));
    }
    AmiMessage done = new AmiMessage().add("Event", "CoreShowChannelsComplete");
    if (!id.isEmpty()) {
      done.add("ActionID", id);
    }
    session.send(done.add("EventList", "Complete").add("ListItems", channels.size()));
  }

  /**
   * PJSIPShowRegistrationsOutbound as the Asterisk 22 AMI documentation describes it ({@code
   * AMI_Actions/PJSIPShowRegistrationsOutbound}, {@code AMI_Events/OutboundRegistrationDetail}): a
   * list ack, one OutboundRegistrationDetail event per registration object (ObjectType {@code
   * registration}, ObjectName, ServerUri, ClientUri, Status, NextReg; the documented configuration
   * headers this sim has no value for are left out, and no AuthDetail events are sent), then
   * OutboundRegistrationDetailComplete. No trace holds this exchange: the list framing (EventList
   * start / Complete, ListItems) is the one every AMI list action uses, as in CoreShowChannels
   * above; the ack's Message text is the sim's own.
   */
  private void showRegistrationsOutbound(AmiMessage m, AmiSession session) throws IOException {
    List<OutboundRegistrations.Registration> all = switchboard.registrations().all();
    session.send(
        AmiMessage.response("Success", m)
            .add("EventList", "start")
            .add("Message", "Following are Events for each Outbound registration"));
    String id = m.get("ActionID", "");
    for (OutboundRegistrations.Registration r : all) {
      AmiMessage e = new AmiMessage().add("Event", "OutboundRegistrationDetail");
      if (!id.isEmpty()) {
        e.add("ActionID", id);
      }
      session.send(
          e.add("ObjectType", "registration")
              .add("ObjectName", r.name())
              .add("ServerUri", r.serverUri())
              .add("ClientUri", r.clientUri())
              .add("Status", r.status())
              .add("NextReg", "Registered".equals(r.status()) ? 3540 : 60));
    }
    AmiMessage done = new AmiMessage().add("Event", "OutboundRegistrationDetailComplete");
    if (!id.isEmpty()) {
      done.add("ActionID", id);
    }
    session.send(done.add("EventList", "Complete").add("ListItems", all.size()));
  }
}
