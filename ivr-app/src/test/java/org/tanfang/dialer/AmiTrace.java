package org.tanfang.dialer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recorded trace of {@code ../shared/asterisk-traces} (format: that folder's README): the AMI
 * messages of one scenario and, when a FastAGI session ran, its protocol lines, on one time axis.
 */
record AmiTrace(String name, List<Message> ami, List<AgiSession> agi) {

  /** One AMI message: capture time (ms), direction, ivr-app's client port, the header lines. */
  record Message(long atMs, boolean fromAsterisk, String port, List<String> lines) {
    /** The first value of {@code header} (case-insensitive), if present. */
    Optional<String> header(String header) {
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(header)) {
          return Optional.of(line.substring(colon + 1).trim());
        }
      }
      return Optional.empty();
    }

    boolean isAction(String action) {
      return !fromAsterisk && header("action").map(action::equalsIgnoreCase).orElse(false);
    }

    /** The Originate's channel variables ({@code variable: K=V} lines). */
    Map<String, String> variables() {
      Map<String, String> vars = new LinkedHashMap<>();
      for (String line : lines) {
        if (line.toLowerCase().startsWith("variable:")) {
          String kv = line.substring("variable:".length()).trim();
          int eq = kv.indexOf('=');
          vars.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
      return vars;
    }
  }

  /** One FastAGI line: {@code A->J} from Asterisk, else ivr-app's command. */
  record AgiLine(long atMs, boolean fromAsterisk, String text) {}

  record AgiSession(List<AgiLine> lines) {
    long startMs() {
      return lines.get(0).atMs();
    }
  }

  static AmiTrace read(Path amiFile) {
    String name = amiFile.getFileName().toString().replace("-ami.txt", "");
    Path agiFile = amiFile.resolveSibling(name + "-agi.txt");
    return new AmiTrace(
        name,
        parseAmi(lines(amiFile)),
        Files.exists(agiFile) ? parseAgi(lines(agiFile)) : List.of());
  }

  /** The Originates ivr-app sent, in order. */
  List<Message> originates() {
    return ami.stream().filter(m -> m.isAction("Originate")).toList();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Message> parseAmi(List<String> lines) {
    List<Message> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      if (lines.get(i).isBlank()) {
        i++;
        continue;
      }
      String[] head = lines.get(i).split(" ");
      List<String> body = new ArrayList<>();
      i++;
      while (i < lines.size() && !lines.get(i).isEmpty()) {
        body.add(lines.get(i));
        i++;
      }
      out.add(new Message(millis(head[0]), head[1].equals("S->C"), head[2], body));
    }
    return out;
  }

  private static List<AgiSession> parseAgi(List<String> lines) {
    List<AgiSession> sessions = new ArrayList<>();
    List<AgiLine> current = null;
    for (String line : lines) {
      if (line.startsWith("=== session")) {
        current = new ArrayList<>();
        sessions.add(new AgiSession(current));
      } else if (current != null && line.length() >= 17) {
        // "HH:MM:SS.mmm A->J text": the text may be empty (the end of the environment block).
        String text = line.length() > 18 ? line.substring(18) : "";
        current.add(new AgiLine(millis(line.substring(0, 12)), line.startsWith("A->J", 13), text));
      }
    }
    return sessions;
  }

  private static long millis(String hms) {
    String[] p = hms.split("[:.]");
    return ((Long.parseLong(p[0]) * 60 + Long.parseLong(p[1])) * 60 + Long.parseLong(p[2])) * 1000
        + Long.parseLong(p[3]);
  }
}
