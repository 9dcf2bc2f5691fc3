package org.tanfang.scheduling;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Dev-mode behaviour of scheduling. "auto" means on when the embedded database runs (dev mode), off
 * on a real database (production), like {@code tanfang.demo.enabled}.
 */
@Component
class DevMode {
  private final boolean compressPlanning;

  @Autowired
  DevMode(SchedulerProperties props, ObjectProvider<EmbeddedPostgres> embedded) {
    this(resolve(props.devCompress(), embedded.getIfAvailable() != null));
  }

  DevMode(boolean compress) {
    this.compressPlanning = compress;
  }

  private static boolean resolve(String setting, boolean dev) {
    return setting.equalsIgnoreCase("auto") ? dev : Boolean.parseBoolean(setting);
  }

  boolean compressPlanning() {
    return compressPlanning;
  }
}
