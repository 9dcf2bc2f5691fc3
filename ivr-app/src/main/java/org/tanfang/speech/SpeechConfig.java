package org.tanfang.speech;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reply classifier (lexicons and questions from the class path). Old recordings are removed by
 * the retention job ({@code org.tanfang.retention}).
 */
@Configuration(proxyBeanMethods = false)
class SpeechConfig {

  @Bean
  IntentClassifier intentClassifier() {
    return IntentClassifier.loadDefault();
  }
}
