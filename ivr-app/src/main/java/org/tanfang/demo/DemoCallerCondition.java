package org.tanfang.demo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.tanfang.simulator.SimulatorCondition;

/** {@code tanfang.demo.caller.enabled}: {@code auto} (default) runs it with the simulator only. */
class DemoCallerCondition implements Condition {
  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String setting =
        context.getEnvironment().getProperty("tanfang.demo.caller.enabled", "auto").trim();
    if (!setting.equalsIgnoreCase("auto")) {
      return Boolean.parseBoolean(setting);
    }
    return SimulatorCondition.enabled(context.getEnvironment());
  }
}
