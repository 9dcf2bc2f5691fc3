package org.tanfang.scheduling;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tanfang.system.RunMode;

/**
 * Dev-mode behaviour of scheduling. "auto" means on in {@link RunMode#DEV} (the embedded database),
 * off in production, like {@code tanfang.demo.enabled}.
 */
@Component
class DevMode {
  private final boolean compressPlanning;

  @Autowired
  DevMode(SchedulerProperties props, RunMode runMode) {
    this(runMode.resolve(props.devCompress()));
  }

  DevMode(boolean compress) {
    this.compressPlanning = compress;
  }

  boolean compressPlanning() {
    return compressPlanning;
  }
}
