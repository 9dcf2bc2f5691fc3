package org.tanfang.reports;

import java.util.List;

/** The rows behind one figure: what they are and their ids, so every number opens its list. */
public record Bucket(Subject subject, List<Long> ids) {

  /** What a figure counts. */
  public enum Subject {
    ELDER,
    VISIT,
    CASE,
    ATTEMPT
  }

  public Bucket {
    ids = List.copyOf(ids);
  }

  public int count() {
    return ids.size();
  }
}
