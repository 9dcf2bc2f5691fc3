package org.tanfang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One application node of the load benchmark: the ivr-app jar in a JVM of its own (the JVM flags
 * under test, a GC log), on the shared database, dialling the standalone asterisk-sim, its FastAGI
 * advertised so that its calls come back to it.
 */
final class LoadNode {
  private static final Pattern PAUSE =
      Pattern.compile("^\\[([0-9.]+)s\\].*\\bPause\\b.*?([0-9.]+)ms\\s*$");

  final String name;
  final int httpPort;
  final int agiPort;
  private final Path gcLog;
  private final Path log;
  private final Process process;
  private final long startedNanos;

  private LoadNode(
      String name, int httpPort, int agiPort, Path gcLog, Path log, Process process, long started) {
    this.name = name;
    this.httpPort = httpPort;
    this.agiPort = agiPort;
    this.gcLog = gcLog;
    this.log = log;
    this.process = process;
    this.startedNanos = started;
  }

  /** Starts the node; {@code settings} are the run's (channels, AMI port, …). */
  static LoadNode start(
      String name,
      int httpPort,
      int agiPort,
      Path jar,
      List<String> jvmFlags,
      List<String> settings,
      Path dir)
      throws IOException {
    Path gc = dir.resolve("gc-" + name + ".log");
    Path out = dir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-Xlog:gc,gc+phases:file=" + gc + ":uptime,level,tags");
    cmd.add("-Duser.timezone=Asia/Shanghai");
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(settings);
    cmd.add("--server.port=" + httpPort);
    cmd.add("--tanfang.telephony.agi.port=" + agiPort);
    cmd.add("--tanfang.telephony.node=" + name);
    cmd.add("--tanfang.scheduler.node-id=" + name);
    cmd.add("--tanfang.telephony.handoff.journal-dir=" + dir.resolve("handoff-" + name));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    return new LoadNode(name, httpPort, agiPort, gc, out, p, System.nanoTime());
  }

  String metricsUrl() {
    return "http://127.0.0.1:" + httpPort + "/actuator/prometheus";
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Graceful stop (SIGTERM: the node drains its calls, none are left), then kill after 90 s. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Stop-the-world pauses the GC log shows between two instants (System.nanoTime). */
  GcPauses pauses(long fromNanos, long toNanos) throws IOException {
    double from = (fromNanos - startedNanos) / 1e9;
    double to = (toNanos - startedNanos) / 1e9;
    List<Double> ms = new ArrayList<>();
    if (Files.exists(gcLog)) {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = PAUSE.matcher(line);
        if (m.find()) {
          double at = Double.parseDouble(m.group(1));
          if (at >= from && at <= to) {
            ms.add(Double.parseDouble(m.group(2)));
          }
        }
      }
    }
    return new GcPauses(ms);
  }

  /** Pauses in milliseconds. */
  record GcPauses(List<Double> millis) {
    int count() {
      return millis.size();
    }

    double total() {
      return millis.stream().mapToDouble(Double::doubleValue).sum();
    }

    double max() {
      return millis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    double quantile(double q) {
      if (millis.isEmpty()) {
        return 0;
      }
      List<Double> s = new ArrayList<>(millis);
      s.sort(Double::compare);
      return s.get(Math.max(0, (int) Math.ceil(q * s.size()) - 1));
    }

    GcPauses plus(GcPauses other) {
      List<Double> all = new ArrayList<>(millis);
      all.addAll(other.millis);
      return new GcPauses(all);
    }
  }
}
