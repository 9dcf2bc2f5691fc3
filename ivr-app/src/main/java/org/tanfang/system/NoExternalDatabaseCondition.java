package org.tanfang.system;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches in {@link RunMode#DEV}: no external database URL, so dev mode needs no set-up. */
class NoExternalDatabaseCondition implements Condition {
  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return RunMode.of(context.getEnvironment()) == RunMode.DEV;
  }
}
