package org.tanfang.asterisksim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PBX's PJSIP outbound registrations as {@code PJSIPShowRegistrationsOutbound} lists them: each
 * with its name, server and client URI and status. None unless a test sets one ({@link
 * AsteriskSim#outboundRegistration}).
 */
final class OutboundRegistrations {

  /** One registration object (pjsip.conf {@code type=registration}). */
  record Registration(String name, String serverUri, String clientUri, String status) {}

  private final Map<String, Registration> byName = new LinkedHashMap<>();

  synchronized void put(Registration r) {
    byName.put(r.name(), r);
  }

  synchronized void clear() {
    byName.clear();
  }

  synchronized List<Registration> all() {
    return new ArrayList<>(byName.values());
  }
}
