package org.tanfang.speech;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code speech} health: which reply languages have a Vosk model. Always UP: a language without
 * a model runs keypad-only, which is a deployment choice, not a failure.
 */
@Component("speech")
class SpeechHealthIndicator extends AbstractHealthIndicator {

  private final VoskModels models;

  SpeechHealthIndicator(VoskModels models) {
    this.models = models;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.up();
    for (Language language : Language.values()) {
      VoskModels.Status status = models.status(language);
      String mode =
          switch (status.state()) {
            case READY -> "speech";
            case LOADING -> "loading";
            default -> "keypad-only";
          };
      var detail = new java.util.LinkedHashMap<String, Object>();
      detail.put("mode", mode);
      detail.put("state", status.state().name());
      status.dir().ifPresent(dir -> detail.put("model", dir.getFileName().toString()));
      status.problem().ifPresent(problem -> detail.put("problem", problem));
      builder.withDetail(language.code(), detail);
    }
  }
}
