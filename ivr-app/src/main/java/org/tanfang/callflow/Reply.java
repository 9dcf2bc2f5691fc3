package org.tanfang.callflow;

/**
 * What the elder did after one asking of a question: a key, an understood spoken reply, or nothing.
 */
record Reply(String key, ReplyRecognizer.Understanding speech, String recording) {
  static Reply none(String recording) {
    return new Reply(null, null, recording);
  }

  static Reply key(String key) {
    return new Reply(key, null, null);
  }

  boolean silent() {
    return key == null && speech == null;
  }
}
