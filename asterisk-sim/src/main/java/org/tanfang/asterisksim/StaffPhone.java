package org.tanfang.asterisksim;

import java.util.Objects;

/**
 * A staff member's phone: a PJSIP endpoint ({@code PJSIP/<endpoint>}) that the staff queue rings
 * and that click-to-call originates to.
 *
 * @param endpoint the endpoint name, e.g. {@code staff1} (pjsip.conf); the queue's Interface is
 *     {@code PJSIP/<endpoint>}
 * @param memberName the queue member's name (queues.conf {@code member => interface,penalty,name})
 * @param answerAfterMs how long it rings before the person picks up; negative: never answers
 * @param talkMs how long the person talks once connected before hanging up
 */
public record StaffPhone(String endpoint, String memberName, long answerAfterMs, long talkMs) {

  public StaffPhone {
    Objects.requireNonNull(endpoint, "endpoint");
    memberName = memberName == null || memberName.isBlank() ? endpoint : memberName;
  }

  /** Picks up after {@code afterMs} and talks for {@code talkMs}. */
  public static StaffPhone answering(String endpoint, long afterMs, long talkMs) {
    return new StaffPhone(endpoint, endpoint, afterMs, talkMs);
  }

  /** Rings and rings: nobody is at this desk. */
  public static StaffPhone neverAnswering(String endpoint) {
    return new StaffPhone(endpoint, endpoint, -1, 0);
  }

  public StaffPhone named(String name) {
    return new StaffPhone(endpoint, name, answerAfterMs, talkMs);
  }

  public boolean answers() {
    return answerAfterMs >= 0;
  }

  /** The queue member's Interface header. */
  public String interfaceName() {
    return endpoint.startsWith("Local/") ? endpoint : "PJSIP/" + endpoint;
  }

  /** A member on a Local channel ({@code Local/<number>@<context>}), as in the traces' lab. */
  public static StaffPhone local(String number, String context, long afterMs, long talkMs) {
    return new StaffPhone("Local/" + number + "@" + context, number, afterMs, talkMs);
  }

  /** How the phone behaves when originated to (click-to-call rings it first). */
  CalleeScript asCallee() {
    return answers()
        ? CalleeScript.answers().afterMs(answerAfterMs).build()
        : CalleeScript.noAnswer();
  }
}
