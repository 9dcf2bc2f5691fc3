package org.tanfang.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * The bean exists only while the in-process simulator stands in for Asterisk ({@link
 * RunMode#simulated}), or as its own dev-only switch says.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(SimulatorCondition.class)
public @interface ConditionalOnSimulator {
  /**
   * The bean's own switch, e.g. {@code tanfang.demo.caller.enabled}: {@code true} or {@code false}
   * decides; {@code auto}, blank or unset follows the simulator. Empty: no switch of its own.
   */
  String switchProperty() default "";
}
