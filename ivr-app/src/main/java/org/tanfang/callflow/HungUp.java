package org.tanfang.callflow;

/** The elder's line went dead during the conversation. */
final class HungUp extends Exception {
  HungUp() {
    super("the line hung up", null, false, false);
  }
}
