package org.tanfang.speech;

import java.util.Locale;

/** A reply language, named by its ISO 639-3 code as the voice prompts are. */
public enum Language {
  /** Mandarin Chinese, including dialect-coloured Mandarin as spoken in Haikou. */
  CMN("cmn"),
  /** English (the test model's language). */
  EN("en");

  private final String code;

  Language(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Language fromCode(String code) {
    String wanted = code.trim().toLowerCase(Locale.ROOT);
    for (Language language : values()) {
      if (language.code.equals(wanted)) {
        return language;
      }
    }
    throw new IllegalArgumentException("Unknown reply language '" + code + "' (known: cmn, en)");
  }
}
