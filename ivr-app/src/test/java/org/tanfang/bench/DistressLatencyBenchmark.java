package org.tanfang.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tanfang.TanfangApplication;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.asterisksim.SimListener;
import org.tanfang.dialer.TestCalls;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.TestElders;

/**
 * Distress latency: from the moment asterisk-sim sends the elder's key 9 to the FastAGI server to
 * the moment the DISTRESS case's event arrives on a desk's live stream ({@code GET
 * /api/escalations/events}, server-sent events over HTTP, as the desk page receives them). Runs the
 * whole application (embedded PostgreSQL, asterisk-sim over real sockets, the AMI dialer, FastAGI,
 * the escalation feature, the web server) in this JVM; both instants are read from this JVM's wall
 * clock. Usage (benchmarks/distress-latency.sh): {@code DistressLatencyBenchmark [calls]
 * [concurrent]}.
 */
public final class DistressLatencyBenchmark {
  private static final Pattern ELDER = Pattern.compile("\"elderId\":(\\d+)");
  private static final Pattern PUBLISHED = Pattern.compile("\"publishedAt\":\"([^\"]+)\"");

  private DistressLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int warmup = 20;
    Path dir = Files.createTempDirectory("tanfang-latency");
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TanfangApplication.class)
            .run(
                "--server.port=0",
                "--tanfang.embedded-db.data-dir=" + dir.resolve("pg"),
                "--tanfang.embedded-db.port=0",
                "--tanfang.demo.enabled=false",
                "--tanfang.demo.caller.enabled=false",
                "--tanfang.scheduler.enabled=false",
                "--tanfang.scheduler.plan-on-startup=false",
                "--tanfang.telephony.agi.port=0",
                "--tanfang.telephony.simulator.ami-port=0",
                "--tanfang.telephony.simulator.demo-callees=false",
                "--tanfang.telephony.callflow.speech=off",
                "--tanfang.speech.recordings-dir=" + dir.resolve("recordings"),
                "--tanfang.escalation.transfer-timeout=2s",
                "--logging.level.org.tanfang=" + System.getProperty("bench.log", "WARN"),
                "--logging.level.org.asteriskjava=WARN",
                "--tanfang.security.initial-admin-password=bench")) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      AsteriskSim sim = app.getBean(AsteriskSim.class);
      ElderService elders = app.getBean(ElderService.class);
      TestCalls testCalls = app.getBean(TestCalls.class);
      org.tanfang.dialer.Dialer dialer = app.getBean(org.tanfang.dialer.Dialer.class);
      // A staff phone that takes each transfer quickly, so calls free their channels as in a
      // staffed call centre.
      sim.staffPhones().add(org.tanfang.asterisksim.StaffPhone.answering("staff1", 200, 300));

      Map<String, Instant> pressedAt = new ConcurrentHashMap<>();
      sim.addListener(
          new SimListener() {
            @Override
            public void agiCommand(CallRecord call, CallRecord.AgiExchange exchange) {
              // GET DATA answers with the digits typed ("200 result=9"); STREAM FILE and WAIT FOR
              // DIGIT with the key's ASCII code (57). The listener runs right after the reply line
              // is written to the FastAGI socket.
              boolean getData = exchange.command().startsWith("GET DATA");
              if (exchange.reply().stream()
                  .anyMatch(
                      l ->
                          getData
                              ? l.matches("200 result=\\d*9\\b.*")
                              : l.startsWith("200 result=57 ") || l.equals("200 result=57"))) {
                pressedAt.putIfAbsent(call.number(), Instant.now());
              }
            }
          });

      Map<Long, Instant> received = new ConcurrentHashMap<>();
      Map<Long, Instant> published = new ConcurrentHashMap<>();
      CountDownLatch ready = new CountDownLatch(1);
      Thread reader = stream(port, received, published, ready);
      if (!ready.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The desk event stream did not open");
      }

      Map<Long, String> phoneOf = new ConcurrentHashMap<>();
      int total = warmup + calls;
      long started = System.nanoTime();
      for (int i = 0; i < total; i += concurrent) {
        // The previous batch may still hold channels (the transfer, the staff phone's talk).
        waitUpTo30s(() -> dialer.freeChannels() >= concurrent);
        List<Long> batch = new ArrayList<>();
        for (int j = i; j < Math.min(total, i + concurrent); j++) {
          String phone = String.format("1370000%04d", j);
          long elder =
              elders
                  .create(
                      TestElders.form(
                          "延迟测试" + j,
                          TestElders.idNumber(
                              LocalDate.of(1944, 4, 4).plusDays(j / 100), j % 100, true),
                          phone))
                  .id();
          sim.callees()
              .put(
                  phone, CalleeScript.answers().afterMs(50).press("1", 50).press("9", 100).build());
          phoneOf.put(elder, phone);
          var placed = testCalls.place(elder, TestCalls.Origin.STAFF);
          if (placed.result() != org.tanfang.dialer.DialResult.QUEUED) {
            System.out.printf("call %d not placed: %s%n", j, placed.result());
          }
          batch.add(elder);
        }
        waitUpTo30s(() -> received.keySet().containsAll(batch));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      reader.interrupt();

      List<Double> toScreen = new ArrayList<>();
      List<Double> toPublish = new ArrayList<>();
      int missing = 0;
      for (var e : phoneOf.entrySet()) {
        String phone = e.getValue();
        int n = Integer.parseInt(phone.substring(phone.length() - 4));
        if (n < warmup) {
          continue;
        }
        Instant pressed = pressedAt.get(phone);
        Instant got = received.get(e.getKey());
        if (pressed == null || got == null) {
          missing++;
          continue;
        }
        toScreen.add(Duration.between(pressed, got).toNanos() / 1e6);
        toPublish.add(Duration.between(pressed, published.get(e.getKey())).toNanos() / 1e6);
      }
      System.out.printf(
          "distress calls: %d measured (%d warm-up, %d concurrent), %d missing, %.1f s%n",
          toScreen.size(), warmup, concurrent, missing, seconds);
      print("keypress → event on the desk stream", toScreen);
      print("keypress → event published (server)", toPublish);
      print("queue re-fetch after an event", queueFetches(port, 100));
    }
  }

  /** Polls every 5 ms; a batch that never completes is counted as missing, not fatal. */
  private static void waitUpTo30s(java.util.concurrent.Callable<Boolean> done) {
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(5))
          .until(done);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.out.println("a batch did not complete within 30 s");
    }
  }

  /** Reads the desk's event stream with HTTP Basic, noting when each DISTRESS opening arrives. */
  private static Thread stream(
      int port, Map<Long, Instant> received, Map<Long, Instant> published, CountDownLatch ready) {
    Thread t =
        new Thread(
            () -> {
              try {
                HttpClient client = HttpClient.newHttpClient();
                String auth =
                    Base64.getEncoder()
                        .encodeToString("admin:bench".getBytes(StandardCharsets.UTF_8));
                HttpRequest request =
                    HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/escalations/events"))
                        .header("Authorization", "Basic " + auth)
                        .header("Accept", "text/event-stream")
                        .build();
                HttpResponse<java.io.InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                  throw new IllegalStateException("event stream: HTTP " + response.statusCode());
                }
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    Instant now = Instant.now();
                    if (line.startsWith("data:") && line.contains("serverTime")) {
                      ready.countDown();
                    }
                    if (line.startsWith("data:")
                        && line.contains("\"DISTRESS\"")
                        && line.contains("\"OPENED\"")) {
                      Matcher elder = ELDER.matcher(line);
                      Matcher at = PUBLISHED.matcher(line);
                      if (elder.find() && at.find()) {
                        long id = Long.parseLong(elder.group(1));
                        received.putIfAbsent(id, now);
                        published.putIfAbsent(id, Instant.parse(at.group(1)));
                      }
                    }
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                e.printStackTrace();
              }
            },
            "desk-stream-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * What the desk page does on each event: fetch the queue again (here its API twin, with the open
   * cases this run left, as many as the page lists).
   */
  private static List<Double> queueFetches(int port, int times) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String auth =
        Base64.getEncoder().encodeToString("admin:bench".getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/escalations"))
            .header("Authorization", "Basic " + auth)
            .build();
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < times + 10; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("queue: HTTP " + response.statusCode());
      }
      if (i >= 10) {
        millis.add((System.nanoTime() - start) / 1e6);
      }
    }
    return millis;
  }

  private static void print(String label, List<Double> millis) {
    if (millis.isEmpty()) {
      System.out.printf("%-40s no samples%n", label);
      return;
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf(
        "%-40s median %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (n=%d)%n",
        label,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted.get(sorted.size() - 1),
        sorted.size());
  }

  private static double percentile(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
