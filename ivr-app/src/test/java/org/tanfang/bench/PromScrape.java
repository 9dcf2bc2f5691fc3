package org.tanfang.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the nodes' {@code /actuator/prometheus} during a run (with the scrape token, as a
 * Prometheus server would) and keeps what the load benchmark reports from it: originates, live
 * conversations, the AGI reply gap histogram (its increase between two scrapes filed under the
 * conversations running at the second), GC pauses.
 */
final class PromScrape {
  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s+(\\S+)");
  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

  /** One scrape of all nodes, summed over them. */
  record Sample(
      long atNanos,
      double originates,
      double conversations,
      double gcCount,
      double gcSeconds,
      double gcMax,
      double backlog,
      TreeMap<Double, Double> gapBuckets) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> urls;
  private final String token;
  private final List<Sample> samples = new ArrayList<>();

  /** Per level: cumulative bucket counts (le → count) of the gaps seen at that level. */
  private final List<TreeMap<Double, Double>> byLevel = new ArrayList<>();

  PromScrape(List<String> urls, String token) {
    this.urls = urls;
    this.token = token;
    for (int i = 0; i < LoadProbe.Levels.COUNT; i++) {
      byLevel.add(new TreeMap<>());
    }
  }

  /** The metrics text of one node (null if it does not answer 200). */
  String text(String url) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Scrapes every node once; returns the new sample and the one before (null at first). */
  synchronized Sample[] scrape() {
    double orig = 0;
    double conv = 0;
    double gcCount = 0;
    double gcSum = 0;
    double gcMax = 0;
    double backlog = 0;
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (String url : urls) {
      String body = text(url);
      if (body == null) {
        continue;
      }
      for (String line : body.split("\n")) {
        Matcher m = LINE.matcher(line);
        if (line.startsWith("#") || !m.find()) {
          continue;
        }
        String name = m.group(1);
        double v = parse(m.group(4));
        switch (name) {
          case "tanfang_originates_total" -> orig += v;
          case "tanfang_conversations_live" -> conv += v;
          case "jvm_gc_pause_seconds_count" -> gcCount += v;
          case "jvm_gc_pause_seconds_sum" -> gcSum += v;
          case "jvm_gc_pause_seconds_max" -> gcMax = Math.max(gcMax, v);
          case "tanfang_handoff_backlog" -> backlog += v;
          case "tanfang_agi_reply_gap_seconds_bucket" -> {
            Matcher le = LE.matcher(m.group(3) == null ? "" : m.group(3));
            if (le.find()) {
              buckets.merge(parse(le.group(1)), v, Double::sum);
            }
          }
          default -> {}
        }
      }
    }
    Sample now = new Sample(System.nanoTime(), orig, conv, gcCount, gcSum, gcMax, backlog, buckets);
    Sample before = samples.isEmpty() ? null : samples.get(samples.size() - 1);
    samples.add(now);
    if (before != null) {
      TreeMap<Double, Double> level = byLevel.get(LoadProbe.Levels.of((int) Math.round(conv)));
      for (Map.Entry<Double, Double> e : buckets.entrySet()) {
        double d = e.getValue() - before.gapBuckets().getOrDefault(e.getKey(), 0.0);
        level.merge(e.getKey(), d, Double::sum);
      }
    }
    return new Sample[] {now, before};
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The q-quantile (ms) of the gaps filed under {@code level}, as histogram_quantile gives it. */
  synchronized double levelMillis(int level, double q) {
    return quantileMillis(byLevel.get(level), q);
  }

  synchronized double levelCount(int level) {
    TreeMap<Double, Double> b = byLevel.get(level);
    return b.isEmpty() ? 0 : b.lastEntry().getValue();
  }

  /** The q-quantile (ms) of the gaps between two samples (from their bucket increase). */
  static double quantileMillis(Sample from, Sample to, double q) {
    TreeMap<Double, Double> d = new TreeMap<>();
    to.gapBuckets().forEach((le, c) -> d.put(le, c - from.gapBuckets().getOrDefault(le, 0.0)));
    return quantileMillis(d, q);
  }

  /** Linear interpolation inside the bucket holding the rank, as Prometheus does. */
  static double quantileMillis(TreeMap<Double, Double> cumulative, double q) {
    if (cumulative.isEmpty()) {
      return Double.NaN;
    }
    double total = cumulative.lastEntry().getValue();
    if (total <= 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double prevLe = 0;
    double prevCount = 0;
    for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
      if (e.getValue() >= rank) {
        if (e.getKey().isInfinite()) {
          return prevLe * 1000;
        }
        double inBucket = e.getValue() - prevCount;
        double frac = inBucket <= 0 ? 1 : (rank - prevCount) / inBucket;
        return (prevLe + (e.getKey() - prevLe) * frac) * 1000;
      }
      prevLe = e.getKey();
      prevCount = e.getValue();
    }
    return prevLe * 1000;
  }

  private static double parse(String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
  }
}
