package org.tanfang.system;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The one condition of dev-only beans that need the simulator: see {@link ConditionalOnSimulator}.
 */
class SimulatorCondition implements Condition {
  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment env = context.getEnvironment();
    var attributes = metadata.getAnnotationAttributes(ConditionalOnSimulator.class.getName());
    String own = attributes == null ? "" : (String) attributes.get("switchProperty");
    if (!own.isEmpty()) {
      String setting = env.getProperty(own, "auto");
      if (!RunMode.isAuto(setting)) {
        return Boolean.parseBoolean(setting.strip());
      }
    }
    return RunMode.simulated(env);
  }
}
