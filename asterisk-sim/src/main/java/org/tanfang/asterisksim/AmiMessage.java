package org.tanfang.asterisksim;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One AMI packet: ordered "Name: value" headers ended by an empty line. Used both for actions read
 * from clients and for responses/events written to them. Header lookup is case-insensitive, like
 * {@code astman_get_header} in main/manager.c.
 */
public final class AmiMessage {

  /** One header line. */
  public record Header(String name, String value) {}

  private final List<Header> headers = new ArrayList<>();

  public static AmiMessage event(String name, String privilege) {
    return new AmiMessage().add("Event", name).add("Privilege", privilege);
  }

  /**
   * A response; the ActionID is echoed only when the action had one (astman_send_response_full).
   */
  public static AmiMessage response(String response, AmiMessage action) {
    AmiMessage m = new AmiMessage().add("Response", response);
    String id = action.get("ActionID");
    if (id != null && !id.isEmpty()) {
      m.add("ActionID", id);
    }
    return m;
  }

  public AmiMessage add(String name, Object value) {
    headers.add(new Header(name, value == null ? "" : String.valueOf(value)));
    return this;
  }

  public AmiMessage addAll(List<Header> more) {
    headers.addAll(more);
    return this;
  }

  public List<Header> headers() {
    return List.copyOf(headers);
  }

  /** First value of the header, or null. */
  public String get(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  public String get(String name, String fallback) {
    String v = get(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  public List<String> getAll(String name) {
    List<String> values = new ArrayList<>();
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        values.add(h.value());
      }
    }
    return values;
  }

  /** The wire form: CRLF line ends and a closing empty line. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    for (Header h : headers) {
      sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  /**
   * Reads one packet; null at end of stream. Lines without a colon are ignored, as Asterisk's
   * get_input/do_message keep only "Name: value" lines.
   */
  public static AmiMessage read(BufferedReader in) throws IOException {
    AmiMessage m = new AmiMessage();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (!m.headers.isEmpty()) {
          return m;
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        m.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return format();
  }
}
