package org.tanfang.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One typhoon round of the load benchmark: makes every visit's call due at once, prints the nodes'
 * Prometheus figures every second while the calls go on, and once every call has ended prints the
 * figures from asterisk-sim, the GC logs, the database and Prometheus.
 */
final class LoadRun {
  private static final double[] QS = {0.5, 0.99, 0.999};

  private final LoadProbe probe;
  private final PromScrape prom;
  private final JdbcTemplate jdbc;
  private final int channels;
  private final int elders;
  private final List<LoadNode> nodes;

  LoadRun(
      LoadProbe probe,
      PromScrape prom,
      JdbcTemplate jdbc,
      int channels,
      int elders,
      List<LoadNode> nodes) {
    this.probe = probe;
    this.prom = prom;
    this.jdbc = jdbc;
    this.channels = channels;
    this.elders = elders;
    this.nodes = nodes;
  }

  void go(long round, boolean report) throws Exception {
    String loadBefore = loadAverage();
    prom.scrape();
    long t0 = System.nanoTime();
    int due =
        jdbc.update(
            "insert into call_attempt (visit_id, attempt_no, phone, priority, due_at, status,"
                + " created_at) select v.id, 1, e.primary_phone, 200, now() - interval '1"
                + " minute', 'SCHEDULED', now() from visit v join elder e on e.id = v.elder_id"
                + " where v.special_round_id = ?",
            round);
    System.out.printf("round: %d calls due at once (load average %s)%n", due, loadBefore);
    ScheduledExecutorService timer = LoadBenchmark.everySecond();
    timer.scheduleAtFixedRate(() -> live(t0), 1, 1, TimeUnit.SECONDS);
    long until = t0 + TimeUnit.MINUTES.toNanos(Integer.getInteger("bench.max-minutes", 20));
    while (System.nanoTime() < until && !(probe.ended() >= due && open() == 0)) {
      Thread.sleep(200); // a benchmark: polling the round's end
    }
    timer.shutdown();
    timer.awaitTermination(10, TimeUnit.SECONDS);
    prom.scrape();
    String loadAfter = loadAverage();
    long end = probe.lastEndNanos();
    if (report) {
      report(t0, end, due, loadBefore, loadAfter);
    } else {
      System.out.printf("warm-up: %d calls ended in %.1f s%n", probe.ended(), (end - t0) / 1e9);
    }
  }

  private int open() {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from call_attempt where status in ('DIALING', 'IN_CALL') or (status ="
                + " 'SCHEDULED' and due_at <= now())",
            Integer.class);
    return n == null ? 0 : n;
  }

  /** What Prometheus shows right now: the live view. */
  private void live(long t0) {
    try {
      PromScrape.Sample[] s = prom.scrape();
      if (s[1] == null) {
        return;
      }
      double dt = (s[0].atNanos() - s[1].atNanos()) / 1e9;
      System.out.printf(
          "live t=%5.1fs prometheus: originates %6.0f/s, conversations %5.0f, reply gap p99 %6.1f"
              + " ms (last interval), GC pauses %+3.0f (max %5.1f ms), hand-off backlog %5.0f | sim: calls"
              + " %5d, ended %5d%n",
          (s[0].atNanos() - t0) / 1e9,
          (s[0].originates() - s[1].originates()) / dt,
          s[0].conversations(),
          PromScrape.quantileMillis(s[1], s[0], 0.99),
          s[0].gcCount() - s[1].gcCount(),
          s[0].gcMax() * 1000,
          s[0].backlog(),
          probe.live(),
          probe.ended());
    } catch (RuntimeException e) {
      System.out.println("live: scrape failed: " + e);
    }
  }

  private void report(long t0, long end, int due, String before, String after) throws Exception {
    double seconds = (end - t0) / 1e9;
    int originated = probe.started();
    int fill = Math.min(channels, Math.min(elders, originated));
    double fillSeconds = fill == 0 ? Double.NaN : (probe.originateAt(fill - 1) - t0) / 1e9;
    double burst =
        fill < 2
            ? Double.NaN
            : (fill - 1) / ((probe.originateAt(fill - 1) - probe.originateAt(0)) / 1e9);
    double meanCall = probe.meanHoldSeconds();
    double minimum = due * meanCall / channels;
    System.out.printf("--- %d calls, %d channels, %d node(s) ---%n", due, channels, nodes.size());
    System.out.printf(
        "round: %.1f s; mean call (channel held, Originate to hang-up) %.2f s; channel-bound"
            + " minimum %d × %.2f s ÷ %d = %.1f s; ratio %.2f×%n",
        seconds, meanCall, due, meanCall, channels, minimum, seconds / minimum);
    System.out.printf(
        "originates: %d (%d ended); first %d in %.2f s from the round's start, %.0f originates/s"
            + " from the first to the %d-th; %.0f/s over the round; peak 1 s %d%n",
        originated, probe.ended(), fill, fillSeconds, burst, fill, originated / seconds, peak1s());
    perNodeOriginates(t0, end, fill);
    System.out.printf(
        "peak concurrent: %d calls (channels), %d conversations%n",
        probe.peakLive(), probe.peakTalking());
    Map<String, Integer> perNode = new TreeMap<>();
    jdbc.query(
        "select claimed_by, count(*), count(*) filter (where result = 'ANSWERED') from"
            + " call_attempt where channel_id is not null group by claimed_by",
        rs -> {
          perNode.put(rs.getString(1), rs.getInt(2));
        });
    Map<String, Integer> perPbx = new TreeMap<>();
    jdbc.query(
        "select pbx || ' ' || claimed_by, count(*) from call_attempt where channel_id is not null"
            + " group by pbx, claimed_by",
        rs -> {
          perPbx.put(rs.getString(1), rs.getInt(2));
        });
    System.out.printf("database: dialled per PBX and node %s%n", perPbx);
    Integer answered =
        jdbc.queryForObject(
            "select count(*) from call_attempt where result = 'ANSWERED'", Integer.class);
    Integer done =
        jdbc.queryForObject("select count(*) from visit where status = 'DONE'", Integer.class);
    Integer retries =
        jdbc.queryForObject(
            "select count(*) from call_attempt where attempt_no > 1 and status = 'SCHEDULED'",
            Integer.class);
    System.out.printf(
        "database: dialled per node %s; %d attempts ANSWERED, %d visits DONE, %d retries"
            + " scheduled (an answered call's visit left open)%n",
        perNode, answered, done, retries);
    retriesByCause();
    for (LoadNode n : nodes) {
      String text = prom.text(n.metricsUrl());
      if (text != null) {
        text.lines()
            .filter(l -> l.startsWith("tanfang_call_ends"))
            .forEach(l -> System.out.printf("ends %s: %s%n", n.name, l));
      }
    }
    System.out.println("AGI reply gap by conversations at once (asterisk-sim | Prometheus):");
    for (int level = 0; level < LoadProbe.Levels.COUNT; level++) {
      LoadProbe.Samples s = probe.gaps(level);
      if (s.size() == 0 && prom.levelCount(level) == 0) {
        continue;
      }
      System.out.printf(
          "  %-10s n=%7d p50 %6.2f p99 %6.2f p99.9 %6.2f ms | n=%7.0f p50 %6.2f p99 %6.2f p99.9"
              + " %6.2f ms%n",
          LoadProbe.Levels.label(level),
          s.size(),
          s.millis(QS[0]),
          s.millis(QS[1]),
          s.millis(QS[2]),
          prom.levelCount(level),
          prom.levelMillis(level, QS[0]),
          prom.levelMillis(level, QS[1]),
          prom.levelMillis(level, QS[2]));
    }
    LoadNode.GcPauses all = new LoadNode.GcPauses(List.of());
    for (LoadNode n : nodes) {
      LoadNode.GcPauses p = n.pauses(t0, end);
      all = all.plus(p);
      System.out.printf(
          "GC %s (GC log, during the round): %d pauses, total %.0f ms, p99 %.1f ms, max %.1f ms%n",
          n.name, p.count(), p.total(), p.quantile(0.99), p.max());
    }
    List<PromScrape.Sample> samples = prom.samples();
    PromScrape.Sample first = samples.get(0);
    PromScrape.Sample last = samples.get(samples.size() - 1);
    double promSeconds = (last.atNanos() - first.atNanos()) / 1e9;
    double maxConv = samples.stream().mapToDouble(PromScrape.Sample::conversations).max().orElse(0);
    double maxBacklog = samples.stream().mapToDouble(PromScrape.Sample::backlog).max().orElse(0);
    System.out.printf(
        "prometheus over the run: %.0f originates (%.0f/s over %.0f s), peak conversations %.0f"
            + " (1 s scrapes), jvm_gc_pause %.0f pauses %.0f ms total, hand-off backlog peak %.0f%n",
        last.originates() - first.originates(),
        (last.originates() - first.originates()) / promSeconds,
        promSeconds,
        maxConv,
        last.gcCount() - first.gcCount(),
        (last.gcSeconds() - first.gcSeconds()) * 1000,
        maxBacklog);
    System.out.printf("load average before %s, after %s%n", before, after);
    System.out.printf(
        "RESULT channels=%d elders=%d nodes=%d round=%.1fs min=%.1fs ratio=%.2f fill=%.0f/s"
            + " peak=%d gc_max=%.1fms gc_count=%d load=%s..%s%n",
        channels,
        due,
        nodes.size(),
        seconds,
        minimum,
        seconds / minimum,
        burst,
        probe.peakLive(),
        all.max(),
        all.count(),
        before,
        after);
  }

  /**
   * Per node: its Originates among the first {@code fill} (the round's first filling of the
   * channels) and their rate over the fill's time from the round's start, and its Originates over
   * the round and their rate.
   */
  private void perNodeOriginates(long t0, long end, int fill) {
    if (fill == 0) {
      return;
    }
    int n = Math.min(probe.started(), elders);
    double fillSeconds = (probe.originateAt(fill - 1) - t0) / 1e9;
    double roundSeconds = (end - t0) / 1e9;
    StringBuilder line = new StringBuilder("originates per node:");
    for (LoadNode node : nodes) {
      String agi = "agi://127.0.0.1:" + node.agiPort;
      int inFill = 0;
      int all = 0;
      for (int i = 0; i < n; i++) {
        if (agi.equals(probe.originatedBy(i))) {
          all++;
          if (i < fill) {
            inFill++;
          }
        }
      }
      line.append(
          String.format(
              " %s %d of the first %d (%.0f/s over %.2f s), %d in the round (%.1f/s);",
              node.name, inFill, fill, inFill / fillSeconds, fillSeconds, all, all / roundSeconds));
    }
    System.out.println(line);
  }

  /**
   * The retries scheduled, by what the attempt before them was: its result, why it hung up ({@code
   * hangup_cause_text}: the reconcile's reason among them), and whether its visit is valid now
   * (true: the outcome was written after the attempt had ended and sent the visit back).
   */
  private void retriesByCause() {
    jdbc.query(
        "select p.result, coalesce(p.hangup_cause_text, '-'), v.valid, coalesce(v.outcome, '-'),"
            + " count(*) from call_attempt r join call_attempt p on p.visit_id = r.visit_id and"
            + " p.attempt_no = r.attempt_no - 1 join visit v on v.id = r.visit_id where"
            + " r.attempt_no > 1 and r.status = 'SCHEDULED' group by 1, 2, 3, 4 order by 5 desc",
        rs -> {
          System.out.printf(
              "retries: %d after %s (hang-up %s), visit valid now %s, outcome %s%n",
              rs.getInt(5), rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4));
        });
  }

  /** Most Originates that arrived within one second. */
  private int peak1s() {
    int n = Math.min(probe.started(), elders);
    int best = 0;
    int lo = 0;
    for (int hi = 0; hi < n; hi++) {
      while (probe.originateAt(hi) - probe.originateAt(lo) > 1_000_000_000L) {
        lo++;
      }
      best = Math.max(best, hi - lo + 1);
    }
    return best;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
