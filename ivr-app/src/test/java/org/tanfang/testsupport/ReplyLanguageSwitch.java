package org.tanfang.testsupport;

import java.util.Optional;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.tanfang.speech.Language;
import org.tanfang.speech.ReplyLanguageOverride;
import org.tanfang.speech.SpeechProperties;

/**
 * {@code tanfang.speech.reply-language-override} switched per test instead of per context: a test
 * that needs cmn/hainan replies recognised with the English model turns it on and back off, so the
 * suite keeps one Spring context (one embedded PostgreSQL). Off, it answers as the configured
 * override does (in the test profile: none).
 */
@TestComponent
@Primary
public class ReplyLanguageSwitch extends ReplyLanguageOverride {
  private volatile Language recogniseAs;

  public ReplyLanguageSwitch(SpeechProperties speech, Environment env) {
    super(speech, env);
  }

  /** From now on, replies of cmn/hainan elders are recognised in this language. */
  public void recogniseCmnRepliesAs(Language language) {
    this.recogniseAs = language;
  }

  /** Back to the configured behaviour. */
  public void reset() {
    this.recogniseAs = null;
  }

  @Override
  public Optional<Language> replyLanguage(String dialect) {
    Optional<Language> configured = super.replyLanguage(dialect);
    Language switched = recogniseAs;
    if (switched != null && configured.isPresent() && configured.get() == Language.CMN) {
      return Optional.of(switched);
    }
    return configured;
  }

  @Override
  public String replyCode(String dialect) {
    return replyLanguage(dialect).map(Language::code).orElse(dialect);
  }

  @Override
  public Optional<Language> active() {
    Language switched = recogniseAs;
    return switched != null ? Optional.of(switched) : super.active();
  }

  @Override
  public String toString() {
    return recogniseAs != null ? recogniseAs.code() : super.toString();
  }
}
