package org.tanfang.dialer;

import org.asteriskjava.manager.event.ManagerEvent;

/** Something that follows AMI events of every PBX line (calls, the staff queue, call-backs). */
interface AmiEventHandler {
  void onEvent(PbxLine line, ManagerEvent event);
}
