package org.tanfang.speech;

/** Speech was to be recognised in a language without a usable Vosk model (keypad-only). */
public class NoSpeechModelException extends RuntimeException {

  private final Language language;

  public NoSpeechModelException(Language language) {
    super("no Vosk model for " + language.code() + ": keypad-only");
    this.language = language;
  }

  public Language language() {
    return language;
  }
}
