package org.tanfang.scheduler.elder;

import java.util.Objects;

/** A district (区) of Haikou, e.g. 460106 龙华区; districts may tighten the city policy. */
public record District(String code, String name) {

  public District {
    Objects.requireNonNull(code, "district code");
    Objects.requireNonNull(name, "district name");
    if (code.isBlank()) {
      throw new IllegalArgumentException("district code must not be blank");
    }
  }
}
