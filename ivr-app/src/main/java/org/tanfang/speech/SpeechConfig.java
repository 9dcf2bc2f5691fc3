package org.tanfang.speech;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reply classifier (lexicons and questions from the class path). Old recordings are removed by
 * the retention job ({@code org.tanfang.retention}).
 */
@Configuration(proxyBeanMethods = false)
class SpeechConfig {

  /**
   * @param demoteRuleHelp {@code tanfang.speech.demote-rule-help}: the demotion row (off by
   *     default; README "Understanding a transcript")
   */
  @Bean
  IntentClassifier intentClassifier(
      @Value("${tanfang.speech.demote-rule-help:false}") boolean demoteRuleHelp) {
    return IntentClassifier.loadDefault(demoteRuleHelp);
  }
}
