package org.tanfang.asterisksim;

import java.util.ArrayList;
import java.util.List;

/**
 * Where and what an AGI() call reaches: "agi://host[:port][/script[?query]]" followed, as in the
 * AGI application's data, by comma-separated arguments. {@code launch_netscript} (res/res_agi.c)
 * connects to host:port (4573 by default) and sends everything after the first '/' as
 * agi_network_script; the whole URL is agi_request.
 */
public record AgiUrl(String request, String host, int port, String script, List<String> args) {

  public static final int DEFAULT_PORT = 4573;

  public AgiUrl {
    args = List.copyOf(args);
  }

  /** Parses AGI application data; a bare script name uses the configured FastAGI address. */
  public static AgiUrl parse(String data, SimConfig config) {
    String[] parts = data.split(",", -1);
    String url = parts[0].trim();
    List<String> args = new ArrayList<>(List.of(parts).subList(1, parts.length));
    if (!url.startsWith("agi://")) {
      // Not a network URL (e.g. a local script name): send it to the configured FastAGI server.
      url = "agi://" + config.agiHost() + ":" + config.agiPort() + "/" + url;
    }
    String rest = url.substring("agi://".length());
    int slash = rest.indexOf('/');
    String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
    String script = slash >= 0 ? rest.substring(slash + 1) : "";
    String host = hostPort;
    int port = DEFAULT_PORT;
    int colon = hostPort.lastIndexOf(':');
    if (colon > 0 && !hostPort.endsWith("]")) {
      host = hostPort.substring(0, colon);
      port = Integer.parseInt(hostPort.substring(colon + 1));
    }
    return new AgiUrl(url, host, port, script, args);
  }
}
