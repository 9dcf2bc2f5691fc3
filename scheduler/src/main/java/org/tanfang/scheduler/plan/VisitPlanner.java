package org.tanfang.scheduler.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.window.CallWindows;
import org.tanfang.scheduler.window.TimeRange;

/**
 * Places the first call of a cycle for every due elder, spread evenly over the allowed call time of
 * the cycle's first days so the trunk sees a flat load, most vulnerable elders earliest. Pure and
 * deterministic: the same input in any order gives the same plan. O(n log n) for n elders.
 */
public final class VisitPlanner {

  /** Most vulnerable first, then oldest, then by id so that equal elders keep a stable order. */
  private static final Comparator<DueElder> CALL_ORDER =
      (a, b) -> {
        int byScore = Integer.compare(b.vulnerability().score(), a.vulnerability().score());
        if (byScore != 0) {
          return byScore;
        }
        int byAge = Integer.compare(b.vulnerability().age(), a.vulnerability().age());
        return byAge != 0 ? byAge : Long.compare(a.elderId(), b.elderId());
      };

  private final PlanningSettings settings;

  public VisitPlanner(PlanningSettings settings) {
    this.settings = settings;
  }

  public VisitPlanner() {
    this(PlanningSettings.DEFAULTS);
  }

  /**
   * @param now when planning happens; no call is placed before it (nor before the cycle starts)
   */
  public VisitPlan plan(VisitCycle cycle, Collection<DueElder> elders, Instant now) {
    List<DueElder> ordered = new ArrayList<>(elders);
    ordered.sort(CALL_ORDER);
    List<List<PlannedCall>> planned = new ArrayList<>();
    List<Long> unplanned = new ArrayList<>();
    for (Map.Entry<CallWindows, List<DueElder>> group : groupByWindows(ordered).entrySet()) {
      Timeline timeline = timelineFor(cycle, group.getKey(), now);
      if (timeline.isEmpty()) {
        group.getValue().forEach(elder -> unplanned.add(elder.elderId()));
      } else {
        planned.add(spread(group.getValue(), timeline));
      }
    }
    return new VisitPlan(cycle, PlannedCalls.merge(planned), unplanned);
  }

  /**
   * Elders sharing windows share one timeline; most share the district default. Grouping goes by
   * identity first (cheap for a million elders holding the same instance), then by equality.
   */
  private static Map<CallWindows, List<DueElder>> groupByWindows(List<DueElder> ordered) {
    Map<CallWindows, CallWindows> canonical = new HashMap<>();
    Map<CallWindows, CallWindows> byInstance = new IdentityHashMap<>();
    Map<CallWindows, List<DueElder>> groups = new IdentityHashMap<>();
    for (DueElder elder : ordered) {
      CallWindows windows =
          byInstance.computeIfAbsent(elder.windows(), w -> canonical.computeIfAbsent(w, c -> c));
      groups.computeIfAbsent(windows, w -> new ArrayList<>()).add(elder);
    }
    return groups;
  }

  /** Elder i of n goes to position i/n of the allowed time: equal gaps, flat load. */
  private static List<PlannedCall> spread(List<DueElder> elders, Timeline timeline) {
    long total = timeline.totalMillis();
    long count = elders.size();
    Timeline.Cursor cursor = timeline.cursor();
    List<PlannedCall> calls = new ArrayList<>(elders.size());
    for (int i = 0; i < elders.size(); i++) {
      calls.add(new PlannedCall(elders.get(i).elderId(), cursor.at(i * total / count)));
    }
    return calls;
  }

  /**
   * The spread period; an elder planned late (enrolled mid-cycle) gets what is left before the
   * reserved days, and only if nothing is left there, the reserved days themselves.
   */
  private Timeline timelineFor(VisitCycle cycle, CallWindows windows, Instant now) {
    Instant from = now.isAfter(cycle.start()) ? now : cycle.start();
    ZoneId zone = cycle.zone();
    LocalDate spreadEnd = cycle.firstDay().plusDays(settings.spreadDays(cycle.lengthInDays()));
    LocalDate reserveStart = cycle.endDate().minusDays(settings.reservedDays());
    for (LocalDate until : List.of(spreadEnd, reserveStart, cycle.endDate())) {
      Instant to = until.atStartOfDay(zone).toInstant();
      if (to.isAfter(from)) {
        Timeline timeline = Timeline.of(windows, new TimeRange(from, to));
        if (!timeline.isEmpty()) {
          return timeline;
        }
      }
    }
    return Timeline.of(windows, new TimeRange(from, from));
  }
}
