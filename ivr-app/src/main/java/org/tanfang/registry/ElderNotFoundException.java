package org.tanfang.registry;

/** No elder with that id. */
public class ElderNotFoundException extends RuntimeException {
  public ElderNotFoundException(long id) {
    super("No elder with id " + id);
  }
}
