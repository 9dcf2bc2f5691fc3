package org.tanfang.reports;

import java.util.List;
import java.util.function.Supplier;

/**
 * The rows behind one figure: what they are, how many, and their ids, so every number opens its
 * list. The count is known when the figures are; the ids of a large figure are read only when asked
 * for ({@link #lazy}: when its list is opened), since a city's figures hold hundreds of thousands.
 */
public final class Bucket {

  /** What a figure counts. */
  public enum Subject {
    ELDER,
    VISIT,
    CASE,
    ATTEMPT
  }

  private final Subject subject;
  private final int count;
  private Supplier<List<Long>> source;
  private List<Long> ids;

  public Bucket(Subject subject, List<Long> ids) {
    this.subject = subject;
    this.ids = List.copyOf(ids);
    this.count = this.ids.size();
  }

  private Bucket(Subject subject, int count, Supplier<List<Long>> source) {
    this.subject = subject;
    this.count = count;
    this.source = source;
  }

  /** A figure of {@code count} rows whose ids {@code source} reads when first asked for. */
  public static Bucket lazy(Subject subject, int count, Supplier<List<Long>> source) {
    return count == 0 ? new Bucket(subject, List.of()) : new Bucket(subject, count, source);
  }

  public Subject subject() {
    return subject;
  }

  public int count() {
    return count;
  }

  /** The ids (read now for a lazy figure, then kept). */
  public synchronized List<Long> ids() {
    if (ids == null) {
      ids = List.copyOf(source.get());
      source = null;
    }
    return ids;
  }

  @Override
  public String toString() {
    return subject + " ×" + count;
  }
}
