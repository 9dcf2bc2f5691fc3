package org.tanfang.dialer;

import org.asteriskjava.manager.event.ResponseEvent;

/** AMI {@code OutboundRegistrationDetailComplete}: the end of the registrations' list. */
public class OutboundRegistrationDetailCompleteEvent extends ResponseEvent {
  private static final long serialVersionUID = 1L;

  private String eventList;
  private Integer listItems;

  public OutboundRegistrationDetailCompleteEvent(Object source) {
    super(source);
  }

  public String getEventList() {
    return eventList;
  }

  public void setEventList(String eventList) {
    this.eventList = eventList;
  }

  public Integer getListItems() {
    return listItems;
  }

  public void setListItems(Integer listItems) {
    this.listItems = listItems;
  }
}
