package org.tanfang.testsupport;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.tanfang.speech.IntentClassifier;
import org.tanfang.speech.TrainedClassifier;

/**
 * The shared context's {@code intentClassifier} bean is the test JVM's {@link TrainedClassifier}:
 * the same {@link IntentClassifier#loadDefault()} the application's {@code SpeechConfig} calls,
 * trained once for the context and the speech test classes instead of once each.
 */
public class SharedClassifier implements BeanDefinitionRegistryPostProcessor {
  static final String BEAN = "intentClassifier";

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    if (!registry.containsBeanDefinition(BEAN)) {
      throw new IllegalStateException(
          "no bean " + BEAN + " to share: was SpeechConfig's bean renamed?");
    }
    registry.removeBeanDefinition(BEAN);
    registry.registerBeanDefinition(
        BEAN, new RootBeanDefinition(IntentClassifier.class, TrainedClassifier::get));
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
}
