package org.tanfang.scheduling;

import java.util.List;
import org.tanfang.scheduler.elder.ElderProfile;
import org.tanfang.scheduler.window.CallWindows;

/**
 * An elder as scheduling sees one: the policy's facts, where the elder lives, the numbers to dial
 * (primary first), the call windows that apply, and why a person must visit even though the policy
 * would call ({@code homeBecause}: the health rule's reason, null when none is in force).
 */
public record ScheduledElder(
    ElderProfile profile,
    String name,
    String district,
    String street,
    String community,
    String grid,
    List<String> phones,
    CallWindows windows,
    String homeBecause) {

  public long id() {
    return profile.elderId();
  }
}
