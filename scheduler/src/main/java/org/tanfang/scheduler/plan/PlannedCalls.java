package org.tanfang.scheduler.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Merges per-window-group call lists, each already in time order, into one time-ordered list. */
final class PlannedCalls {

  static final Comparator<PlannedCall> BY_TIME =
      Comparator.comparing(PlannedCall::at).thenComparingLong(PlannedCall::elderId);

  private PlannedCalls() {}

  /** A k-way merge: O(n log k) for k groups, and a plain copy for the usual single group. */
  static List<PlannedCall> merge(List<List<PlannedCall>> sortedGroups) {
    if (sortedGroups.size() == 1) {
      return sortedGroups.get(0);
    }
    int total = sortedGroups.stream().mapToInt(List::size).sum();
    List<PlannedCall> merged = new ArrayList<>(total);
    PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::call, BY_TIME));
    for (List<PlannedCall> group : sortedGroups) {
      if (!group.isEmpty()) {
        heads.add(new Head(group, 0));
      }
    }
    while (!heads.isEmpty()) {
      Head head = heads.poll();
      merged.add(head.call());
      if (head.index() + 1 < head.group().size()) {
        heads.add(new Head(head.group(), head.index() + 1));
      }
    }
    return merged;
  }

  private record Head(List<PlannedCall> group, int index) {
    PlannedCall call() {
      return group.get(index);
    }
  }
}
