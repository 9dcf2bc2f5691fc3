package org.tanfang.speech;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The reply classifier (lexicons and questions from the class path) and the retention schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SpeechConfig {

  @Bean
  IntentClassifier intentClassifier() {
    return IntentClassifier.loadDefault();
  }
}
