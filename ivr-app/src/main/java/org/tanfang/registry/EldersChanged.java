package org.tanfang.registry;

import java.util.Collection;
import java.util.List;

/**
 * Published (Spring application event, inside the writing transaction) when elders were created,
 * changed, paused, resumed or imported. Scheduling listens after the commit and plans or re-plans
 * those elders' current cycles at once instead of at the next daily run.
 *
 * @param elderIds the elders written
 * @param cause what happened: CREATE, UPDATE, STATUS, IMPORT
 */
public record EldersChanged(List<Long> elderIds, String cause) {
  public EldersChanged {
    elderIds = List.copyOf(elderIds);
  }

  public static EldersChanged of(Collection<Long> ids, String cause) {
    return new EldersChanged(List.copyOf(ids), cause);
  }
}
