package org.tanfang.simulator;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the simulator should run: {@code tanfang.telephony.simulator.enabled=true}, or
 * {@code auto} (the default) and no PBX host is configured.
 */
public class SimulatorCondition implements Condition {
  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return enabled(context.getEnvironment());
  }

  public static boolean enabled(Environment env) {
    String setting = env.getProperty("tanfang.telephony.simulator.enabled", "auto").trim();
    if (!setting.equalsIgnoreCase("auto")) {
      return Boolean.parseBoolean(setting);
    }
    return !StringUtils.hasText(env.getProperty("tanfang.telephony.ami.host"))
        && !StringUtils.hasText(env.getProperty("tanfang.telephony.pbx[0].host"));
  }
}
