package org.tanfang.speech;

/** A lexicon or question file that cannot be used; the message names the file and line. */
public class LexiconException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LexiconException(String source, int line, String problem) {
    super(source + (line > 0 ? " line " + line : "") + ": " + problem);
  }
}
