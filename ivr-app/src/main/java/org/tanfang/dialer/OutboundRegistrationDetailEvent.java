package org.tanfang.dialer;

import org.asteriskjava.manager.event.ResponseEvent;

/**
 * AMI {@code OutboundRegistrationDetail} (Asterisk 22 documentation, AMI_Events): one PJSIP
 * outbound registration in the answer to {@link PjsipShowRegistrationsOutboundAction}. Only the
 * headers Tanfang reads have setters; Asterisk-Java skips the others.
 */
public class OutboundRegistrationDetailEvent extends ResponseEvent {
  private static final long serialVersionUID = 1L;

  private String objectType;
  private String objectName;
  private String serverUri;
  private String clientUri;
  private String endpoint;
  private String status;
  private Integer nextReg;

  public OutboundRegistrationDetailEvent(Object source) {
    super(source);
  }

  public String getObjectType() {
    return objectType;
  }

  public void setObjectType(String objectType) {
    this.objectType = objectType;
  }

  /** The registration object's name (pjsip.conf section). */
  public String getObjectName() {
    return objectName;
  }

  public void setObjectName(String objectName) {
    this.objectName = objectName;
  }

  /** The registrar's SIP URI. */
  public String getServerUri() {
    return serverUri;
  }

  public void setServerUri(String serverUri) {
    this.serverUri = serverUri;
  }

  public String getClientUri() {
    return clientUri;
  }

  public void setClientUri(String clientUri) {
    this.clientUri = clientUri;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  /** Registered, Unregistered, Rejected … */
  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  /** Seconds to the next registration attempt. */
  public Integer getNextReg() {
    return nextReg;
  }

  public void setNextReg(Integer nextReg) {
    this.nextReg = nextReg;
  }
}
