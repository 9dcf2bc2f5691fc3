package org.tanfang.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.testsupport.Rows;

/**
 * The load benchmark (issue 13): a typhoon round of {@code elders} calls due at once on a PBX of
 * {@code channels} channels, placed by one or two application nodes (the ivr-app jar, each in its
 * own JVM, on one embedded PostgreSQL) through a standalone asterisk-sim whose callees answer and
 * press 1 at every question after a set delay. Prints the dial rate, the peak of calls at once, the
 * AGI reply gaps by the number of conversations running (as the PBX sees them, and as the nodes'
 * Prometheus histogram shows them), the nodes' GC pauses, and the round's duration against the
 * channel-bound minimum (elders × mean call ÷ channels). While it runs it prints what it reads from
 * the nodes' /actuator/prometheus every second. Usage (benchmarks/load.sh): {@code LoadBenchmark
 * channels elders nodes [keyDelayMs]}; system properties {@code bench.jar}, {@code bench.jvm} (the
 * nodes' JVM flags), {@code bench.port} (first of the ports it uses, default 18200), {@code
 * bench.pbxs} (PBXs: that many asterisk-sims, the channels split evenly over them; default 1; the
 * second sim's AMI at port + 31, the third's at + 32, …).
 */
public final class LoadBenchmark {
  private static final String TOKEN = "load-benchmark-scrape-token-0123456789abcdef";

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int channels = Integer.parseInt(args[0]);
    int elders = Integer.parseInt(args[1]);
    int nodes = Integer.parseInt(args[2]);
    long keyDelay = args.length > 3 ? Long.parseLong(args[3]) : 2000;
    long answerDelay = 500;
    int base = Integer.getInteger("bench.port", 18200);
    Path jar = Path.of(System.getProperty("bench.jar"));
    List<String> jvm = split(System.getProperty("bench.jvm", ""));
    Path dir = Files.createTempDirectory("tanfang-load");
    System.out.printf(
        "load: %d elders due at once, %d channels, %d node(s), callee answers after %d ms and"
            + " presses 1 after %d ms at each question; node JVM flags: %s; files in %s%n",
        elders, channels, nodes, answerDelay, keyDelay, jvm.isEmpty() ? "(none)" : jvm, dir);
    int pbxs = Math.max(1, Integer.getInteger("bench.pbxs", 1));
    if (pbxs > 1) {
      System.out.printf("PBXs: %d asterisk-sims of %d channels each%n", pbxs, channels / pbxs);
    }
    int warm = Integer.getInteger("bench.warmup", Math.min(channels, 150));
    CalleeScript callee =
        CalleeScript.answers()
            .afterMs(answerDelay)
            .thenAlways(new CalleeReply.Digits("1", keyDelay))
            .build();
    List<LoadNode> started = new ArrayList<>();
    List<AsteriskSim> sims = new ArrayList<>();
    try (EmbeddedPostgres db =
            EmbeddedPostgres.builder()
                .setPort(base + 1)
                .setDataDirectory(dir.resolve("pg"))
                .setServerConfig("max_connections", "200")
                .start();
        AsteriskSim sim =
            AsteriskSim.builder()
                .amiPort(base)
                .user("tanfang", "bench")
                .defaultCallee(callee)
                .build()
                .start()) {
      sims.add(sim);
      try {
        for (int i = 1; i < pbxs; i++) {
          sims.add(
              AsteriskSim.builder()
                  .amiPort(base + 30 + i)
                  .user("tanfang", "bench")
                  .defaultCallee(callee)
                  .build()
                  .start());
        }
        String url = "jdbc:postgresql://127.0.0.1:" + (base + 1) + "/postgres";
        List<String> settings = settings(url, base, channels, pbxs);
        started.add(LoadNode.start("node-a", base + 10, base + 20, jar, jvm, settings, dir));
        awaitReady(
            new PromScrape(List.of(started.get(0).metricsUrl()), TOKEN), started.get(0), pbxs);
        for (int i = 1; i < nodes; i++) {
          started.add(
              LoadNode.start(
                  "node-" + (char) ('a' + i),
                  base + 10 + i,
                  base + 20 + i,
                  jar,
                  jvm,
                  settings,
                  dir));
        }
        JdbcTemplate jdbc = new JdbcTemplate(db.getPostgresDatabase());
        long[] rounds = seed(url, warm, elders);
        List<String> urls = started.stream().map(LoadNode::metricsUrl).toList();
        for (LoadNode n : started) {
          awaitReady(new PromScrape(urls, TOKEN), n, pbxs);
        }
        if (warm > 0) {
          System.out.printf("warm-up round: %d calls (JIT, pools; not reported below)%n", warm);
          round(sims, new LoadProbe(warm), urls, jdbc, channels, warm, started, rounds[0], false);
        }
        round(sims, new LoadProbe(elders), urls, jdbc, channels, elders, started, rounds[1], true);
      } finally {
        // Nodes first: their graceful stop still needs the database and the PBX.
        for (LoadNode n : started) {
          n.stop();
        }
        for (AsteriskSim more : sims.subList(1, sims.size())) {
          more.close();
        }
      }
    }
  }

  private static void round(
      List<AsteriskSim> sims,
      LoadProbe probe,
      List<String> urls,
      JdbcTemplate jdbc,
      int channels,
      int calls,
      List<LoadNode> nodes,
      long round,
      boolean report)
      throws Exception {
    sims.forEach(s -> s.addListener(probe));
    try {
      new LoadRun(probe, new PromScrape(urls, TOKEN), jdbc, channels, calls, nodes)
          .go(round, report);
    } finally {
      sims.forEach(s -> s.removeListener(probe));
    }
  }

  /**
   * The settings both nodes share: production defaults except the run's PBXs and their size (the
   * channels split evenly over {@code pbxs}: the first is {@code ami.*}, the others {@code
   * pbx[N].*}).
   */
  private static List<String> settings(String url, int base, int channels, int pbxs) {
    List<String> all = new ArrayList<>(settings(url, base, channels / pbxs));
    all.add("--tanfang.telephony.agi.max-calls=" + channels);
    for (int i = 1; i < pbxs; i++) {
      String p = "--tanfang.telephony.pbx[" + (i - 1) + "].";
      all.add(p + "name=pbx" + (i + 1));
      all.add(p + "host=127.0.0.1");
      all.add(p + "port=" + (base + 30 + i));
      all.add(p + "secret=bench");
      all.add(p + "channel-limit=" + channels / pbxs);
    }
    return all;
  }

  private static List<String> settings(String url, int base, int channels) {
    Path prompts = Path.of("voice-prompts").toAbsolutePath();
    return List.of(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=postgres",
        "--tanfang.demo.enabled=false",
        "--tanfang.demo.caller.enabled=false",
        "--tanfang.scheduler.enabled=true",
        "--tanfang.scheduler.plan-on-startup=false",
        "--tanfang.scheduler.plan-on-change=false",
        "--tanfang.scheduler.festival-rounds=false",
        "--tanfang.scheduler.pacing-interval=" + System.getProperty("bench.pacing", "1s"),
        "--tanfang.telephony.simulator.enabled=false",
        "--tanfang.telephony.ami.host=127.0.0.1",
        "--tanfang.telephony.ami.port=" + base,
        "--tanfang.telephony.ami.secret=bench",
        "--tanfang.telephony.ami.channel-limit=" + channels,
        "--tanfang.telephony.agi.advertise-host=127.0.0.1",
        "--tanfang.telephony.callflow.speech=false",
        "--tanfang.telephony.callflow.prompt-local-dir=" + prompts,
        "--tanfang.metrics.token=" + TOKEN,
        "--tanfang.metrics.figures-max-age=1s",
        // Hikari's default of 10 runs dry at a few hundred conversations (see README, Load
        // benchmark)
        "--spring.datasource.hikari.maximum-pool-size=" + System.getProperty("bench.pool", "40"),
        // The default 4 fell behind at 3,000 channels (each Hangup step is a few round trips to a
        // database on a loaded machine; README, Load benchmark)
        "--tanfang.telephony.ami-events.workers=" + System.getProperty("bench.ami-workers", "16"),
        "--logging.level.org.tanfang=" + System.getProperty("bench.log", "WARN"),
        // Each attempt's end with the path that ended it, and the reconciles at AMI logins: an
        // answered call's visit sent back for a retry is traced to its path (a line per call).
        "--logging.level.org.tanfang.dialer.CallTracker="
            + System.getProperty("bench.ends-log", "INFO"),
        "--logging.level.org.tanfang.dialer.Reconciler="
            + System.getProperty("bench.ends-log", "INFO"));
  }

  /**
   * Waits until the node's metrics show its AMI connections up (at most {@code
   * bench.ready-minutes}, 10: a node took over 5 minutes to start at load 30).
   */
  private static void awaitReady(PromScrape prom, LoadNode node, int pbxs)
      throws InterruptedException {
    java.util.regex.Pattern connected =
        java.util.regex.Pattern.compile("(?m)^tanfang_pbx_connected\\{[^}]*} 1\\.0$");
    int minutes = Integer.getInteger("bench.ready-minutes", 10);
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    while (System.nanoTime() < until) {
      String text = prom.text(node.metricsUrl());
      if (text != null && connected.matcher(text).results().count() >= pbxs) {
        System.out.println(node.name + " ready");
        return;
      }
      if (!node.alive()) {
        throw new IllegalStateException(node.name + " exited; see " + node.log());
      }
      Thread.sleep(500); // a benchmark, not a test: polling a starting process
    }
    throw new IllegalStateException(
        node.name + " not ready after " + minutes + " minutes; see " + node.log());
  }

  /**
   * The elders and their visits of a typhoon round (a RED alert confirmed for the night, so that
   * the run does not depend on the hour), in one transaction; returns the round's id. The calls are
   * made due later, all at once ({@link LoadRun}).
   */
  private static long[] seed(String url, int warm, int elders) throws Exception {
    long t = System.nanoTime();
    SingleConnectionDataSource ds = new SingleConnectionDataSource(url, "postgres", "", true);
    ds.setAutoCommit(false);
    try {
      JdbcTemplate tx = new JdbcTemplate(ds);
      Rows rows = new Rows(tx);
      for (int i = 0; i < warm + elders; i++) {
        rows.elder().phones(String.format("139%08d", i)).save();
      }
      long warmRound = round(tx, "warm-up", 0, warm);
      long round = round(tx, "typhoon", warm, elders);
      ds.getConnection().commit();
      System.out.printf(
          "seeded %d elders and their visits in %.1f s%n",
          warm + elders, (System.nanoTime() - t) / 1e9);
      return new long[] {warmRound, round};
    } finally {
      ds.destroy();
    }
  }

  /** A round of {@code count} elders' visits, from the {@code skip}-th elder on (by id). */
  private static long round(JdbcTemplate tx, String name, int skip, int count) {
    Long round =
        tx.queryForObject(
            "insert into special_round (round_key, purpose, alert_kind, districts, starts_at,"
                + " ends_at, script_id, reason, created_by, created_at, alert_level, urgency)"
                + " values ('load-' || ? || '-' || extract(epoch from now()), 'WEATHER_ALERT',"
                + " 'TYPHOON',"
                + " array['美兰区']::varchar[], now() - interval '1 minute', now() + interval '1"
                + " day', 'alert-typhoon', 'load benchmark', 'load-benchmark', now(), 'RED',"
                + " 'URGENT_NIGHT') returning id",
            Long.class,
            name);
    tx.update(
        "insert into visit (elder_id, kind, purpose, status, special_round_id, script_id,"
            + " planned_at, created_at, updated_at) select id, 'PHONE', 'WEATHER_ALERT',"
            + " 'PLANNED', ?, 'alert-typhoon', now(), now(), now() from elder order by id"
            + " offset ? limit ?",
        round,
        skip,
        count);
    return round;
  }

  private static List<String> split(String flags) {
    return flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+"));
  }

  static ScheduledExecutorService everySecond() {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, "load-scrape");
          t.setDaemon(true);
          return t;
        });
  }
}
