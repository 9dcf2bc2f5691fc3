package org.tanfang.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;

/**
 * Loads an aggregate with its collections in one SQL query instead of one query per collection and
 * row (the import reads thousands of elders at a time).
 */
@Configuration(proxyBeanMethods = false)
class JdbcLoadingConfig {
  @Bean
  static BeanPostProcessor singleQueryLoading() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JdbcMappingContext context) {
          context.setSingleQueryLoadingEnabled(true);
        }
        return bean;
      }
    };
  }
}
