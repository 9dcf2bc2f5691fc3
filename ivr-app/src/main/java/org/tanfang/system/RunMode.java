package org.tanfang.system;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * How this process runs, decided once from the configuration and the only place that decides it:
 * {@link #DEV} when the embedded database runs (no {@code spring.datasource.url}), {@link
 * #PRODUCTION} otherwise. It is a bean; conditions, which run before beans exist, use {@link
 * #of(PropertyResolver)}. Dev-only switches ({@code auto}, {@code true}, {@code false}) resolve
 * {@code auto} against it; beans that exist only with the in-process simulator carry {@link
 * ConditionalOnSimulator}.
 */
public enum RunMode {
  /** Embedded PostgreSQL: demo data, the simulator when no PBX is set, compressed planning. */
  DEV,
  /** An external PostgreSQL: nothing dev-only runs unless switched on explicitly. */
  PRODUCTION;

  static final String DATABASE_URL = "spring.datasource.url";
  static final String SIMULATOR = "tanfang.telephony.simulator.enabled";
  private static final String[] PBX_HOSTS = {
    "tanfang.telephony.ami.host", "tanfang.telephony.pbx[0].host"
  };

  public static RunMode of(PropertyResolver env) {
    return StringUtils.hasText(env.getProperty(DATABASE_URL)) ? PRODUCTION : DEV;
  }

  /**
   * A dev-only switch: {@code true} or {@code false} as set; {@code auto} (or blank) in DEV only.
   */
  public boolean resolve(String setting) {
    return isAuto(setting) ? this == DEV : Boolean.parseBoolean(setting.strip());
  }

  /**
   * Whether the in-process simulator stands in for Asterisk: {@code
   * tanfang.telephony.simulator.enabled}, whose {@code auto} (the default) means in DEV with no PBX
   * host configured — a developer's own Asterisk is used when one is set.
   */
  public static boolean simulated(PropertyResolver env) {
    String setting = env.getProperty(SIMULATOR, "auto");
    if (!isAuto(setting)) {
      return Boolean.parseBoolean(setting.strip());
    }
    for (String host : PBX_HOSTS) {
      if (StringUtils.hasText(env.getProperty(host))) {
        return false;
      }
    }
    return of(env) == DEV;
  }

  static boolean isAuto(String setting) {
    return setting == null || setting.isBlank() || setting.strip().equalsIgnoreCase("auto");
  }
}
