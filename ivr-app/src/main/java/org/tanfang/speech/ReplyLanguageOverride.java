package org.tanfang.speech;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.tanfang.system.RunMode;

/**
 * {@code tanfang.speech.reply-language-override} (dev and tests only; empty by default): recognise
 * the spoken replies of Mandarin and Hainanese elders ({@code cmn}, {@code hainan}) with another
 * language's model and lexicon, e.g. {@code en}, because no Mandarin Vosk model can be had on a
 * development machine. Only the call flow's replies are affected (not {@code /api/speech}).
 *
 * <p>Left empty, it switches itself to {@code en} only in dev mode with demo callees — the
 * in-process simulator runs (no PBX configured) and {@code
 * tanfang.telephony.simulator.demo-callees} is on — when an English model is configured and a
 * Mandarin one is not, and says so in the log. With a real PBX it never switches itself on.
 */
@Component
public class ReplyLanguageOverride {
  static final String PROPERTY = "tanfang.speech.reply-language-override";
  private static final Logger log = LoggerFactory.getLogger(ReplyLanguageOverride.class);

  private final Language override;

  public ReplyLanguageOverride(SpeechProperties speech, Environment env) {
    this.override = resolve(speech, env);
  }

  private static Language resolve(SpeechProperties speech, Environment env) {
    String configured = env.getProperty(PROPERTY, "").strip();
    if (!configured.isEmpty()) {
      Language language =
          ReplyLanguages.of(configured)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          PROPERTY + "=" + configured + ": not a reply language (cmn, en)"));
      log.warn(
          "{}={}: replies of cmn/hainan elders are recognised with the {} model and lexicon"
              + " (for development and tests only)",
          PROPERTY,
          configured,
          language.code());
      return language;
    }
    boolean devDemo =
        RunMode.simulated(env)
            && env.getProperty("tanfang.telephony.simulator.demo-callees", Boolean.class, true);
    if (devDemo
        && speech.modelDir(Language.EN).isPresent()
        && speech.modelDir(Language.CMN).isEmpty()) {
      log.warn(
          "dev mode: demo replies recognised with the English test model (no Mandarin model"
              + " configured; {}=en). Production never does this.",
          PROPERTY);
      return Language.EN;
    }
    return null;
  }

  /** The language whose model and lexicon recognise this elder's replies. */
  public Optional<Language> replyLanguage(String dialect) {
    Optional<Language> own = ReplyLanguages.of(dialect);
    if (override != null && own.isPresent() && own.get() == Language.CMN) {
      return Optional.of(override);
    }
    return own;
  }

  /** The code to pass to {@link SpeechRecognizer} for this elder's replies. */
  public String replyCode(String dialect) {
    return replyLanguage(dialect).map(Language::code).orElse(dialect);
  }

  /** The language cmn/hainan replies are recognised in instead, if overridden. */
  public Optional<Language> active() {
    return Optional.ofNullable(override);
  }

  @Override
  public String toString() {
    return override == null ? "none" : override.code().toLowerCase(Locale.ROOT);
  }
}
