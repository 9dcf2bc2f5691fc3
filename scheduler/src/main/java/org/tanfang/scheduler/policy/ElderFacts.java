package org.tanfang.scheduler.policy;

import java.time.LocalDate;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.ElderProfile;

/** An elder seen on one date under one policy's parameters: what rule conditions test. */
public record ElderFacts(ElderProfile elder, int age, int advancedAge) {

  public static ElderFacts of(ElderProfile elder, LocalDate on, int advancedAge) {
    return new ElderFacts(elder, elder.ageOn(on), advancedAge);
  }

  public boolean is(Category category) {
    return elder.is(category);
  }

  /** 高龄 under the policy in force (80 in the city rule unless a district lowers it). */
  public boolean isAdvancedAge() {
    return age >= advancedAge;
  }

  public DisabilityLevel disabilityLevel() {
    return elder.disabilityLevel();
  }

  public boolean hasSevereDisability() {
    return elder.hasSevereDisability();
  }
}
