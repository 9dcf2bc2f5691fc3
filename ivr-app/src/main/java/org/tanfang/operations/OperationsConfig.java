package org.tanfang.operations;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the settings check so it runs before any bean (the database included) is created. */
@Configuration(proxyBeanMethods = false)
class OperationsConfig {

  @Bean
  static BeanFactoryPostProcessor settingsCheck() {
    return new CheckBeforeBeans();
  }

  /** A post-processor runs after the environment is ready and before ordinary beans exist. */
  static final class CheckBeforeBeans implements BeanFactoryPostProcessor, EnvironmentAware {
    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
      this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(
        org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory) {
      SettingsCheck.verify(SettingsCheck.Settings.from(environment));
    }
  }
}
