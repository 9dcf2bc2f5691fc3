package org.tanfang.callflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PBX addresses allowed to open FastAGI connections, resolved once at start-up (a PBX that
 * changes address needs a restart, which is safer than trusting DNS at each call).
 */
final class AllowedAddresses {
  private static final Logger log = LoggerFactory.getLogger(AllowedAddresses.class);
  private final Set<InetAddress> addresses = new HashSet<>();

  AllowedAddresses(List<String> hosts) {
    for (String host : hosts) {
      if (host == null || host.isBlank()) {
        continue;
      }
      try {
        addresses.addAll(List.of(InetAddress.getAllByName(host.trim())));
      } catch (UnknownHostException e) {
        log.warn("FastAGI allow-list: cannot resolve {}; ignored", host);
      }
    }
  }

  boolean allows(InetAddress address) {
    return address != null && addresses.contains(address);
  }

  @Override
  public String toString() {
    return addresses.toString();
  }
}
