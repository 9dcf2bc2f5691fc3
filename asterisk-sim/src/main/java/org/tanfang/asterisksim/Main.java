package org.tanfang.asterisksim;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sim standalone:
 *
 * <pre>
 * java -jar asterisk-sim-*-exec.jar --ami-port 5038 --agi agi://127.0.0.1:4573/checkin \
 *      --scenario callees.json --user tanfang:secret [--bind 0.0.0.0] [--language zh] \
 *      [--context-script tanfang-family=family ...]
 * </pre>
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    AsteriskSim.Builder b;
    try {
      b = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: --ami-port N --agi agi://host:port[/script] --scenario file.json"
              + " --user name:secret [--user ...] [--bind address] [--language xx]");
      System.exit(2);
      return;
    }
    AsteriskSim sim = b.build().start();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  stop.countDown();
                }));
    System.out.println(
        "asterisk-sim: AMI on port " + sim.amiPort() + ", FastAGI to " + sim.config().agiUrl());
    stop.await();
  }

  static AsteriskSim.Builder parse(String[] args) throws java.io.IOException {
    AsteriskSim.Builder b = AsteriskSim.builder();
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + opt);
      }
      String v = args[++i];
      switch (opt) {
        case "--ami-port" -> b.amiPort(Integer.parseInt(v));
        case "--bind" -> b.bindAddress(v);
        case "--language" -> b.language(v);
        case "--agi-script" -> b.agiScript(v);
        case "--context-script" -> {
          int eq = v.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--context-script wants context=script");
          }
          b.contextScript(v.substring(0, eq), v.substring(eq + 1));
        }
        case "--agi" -> {
          AgiUrl url =
              AgiUrl.parse(v, new SimConfig("", 0, java.util.Map.of(), "127.0.0.1", 4573, "", ""));
          b.agi(url.host(), url.port());
          if (!url.script().isEmpty()) {
            b.agiScript(url.script());
          }
        }
        case "--scenario" -> b.scenario(Scenario.load(Path.of(v)));
        case "--user" -> {
          int colon = v.indexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("--user wants name:secret");
          }
          b.user(v.substring(0, colon), v.substring(colon + 1));
        }
        default -> throw new IllegalArgumentException("unknown option " + opt);
      }
    }
    return b;
  }
}
