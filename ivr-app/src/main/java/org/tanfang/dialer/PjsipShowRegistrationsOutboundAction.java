package org.tanfang.dialer;

import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.ResponseEvent;

/**
 * AMI {@code PJSIPShowRegistrationsOutbound} (res_pjsip_outbound_registration, Asterisk 12 on, in
 * 22): lists the PJSIP outbound registrations, one {@link OutboundRegistrationDetailEvent} each,
 * then {@link OutboundRegistrationDetailCompleteEvent}. Asterisk-Java 3.41 has no class for it.
 */
public class PjsipShowRegistrationsOutboundAction extends AbstractManagerAction
    implements EventGeneratingAction {
  private static final long serialVersionUID = 1L;

  @Override
  public String getAction() {
    return "PJSIPShowRegistrationsOutbound";
  }

  @Override
  public Class<? extends ResponseEvent> getActionCompleteEventClass() {
    return OutboundRegistrationDetailCompleteEvent.class;
  }
}
