package org.tanfang.asterisksim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The staff side of the emulated dialplan: the {@code tanfang-staff} queue (queues.conf: members
 * rung one at a time, {@code timeout} per member, {@code retry} between them) and the staff phones
 * it and click-to-call ring. Safe to change while calls run; a queued call reads the members each
 * time it rings the next one.
 */
public final class StaffPhones {

  /** queues.conf's queue and extensions.conf's {@code Queue(tanfang-staff,...)}. */
  public static final String QUEUE = "tanfang-staff";

  private final List<StaffPhone> members = new ArrayList<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private int next;
  private long memberTimeoutMs = 20_000;
  private long retryMs = 2_000;
  private long defaultTalkMs = 5_000;
  private int defaultQueueTimeoutSeconds = 60;
  private String busyPrompt = "/var/lib/asterisk/sounds/tanfang/cmn/staff-busy";
  private String unansweredScript = "transfer-unanswered";

  /** Adds a phone as the queue's last member (replacing one with the same endpoint). */
  public synchronized StaffPhones add(StaffPhone phone) {
    members.removeIf(p -> p.endpoint().equals(phone.endpoint()));
    members.add(phone);
    return this;
  }

  public synchronized StaffPhones remove(String endpoint) {
    members.removeIf(p -> p.endpoint().equals(endpoint));
    return this;
  }

  public synchronized StaffPhones clear() {
    members.clear();
    next = 0;
    return this;
  }

  public synchronized List<StaffPhone> members() {
    return List.copyOf(members);
  }

  public synchronized Optional<StaffPhone> phone(String endpoint) {
    return members.stream()
        .filter(p -> p.endpoint().equals(endpoint) || p.memberName().equals(endpoint))
        .findFirst();
  }

  /** queues.conf {@code timeout}: how long one member rings (default 20 s). */
  public synchronized StaffPhones memberTimeoutMs(long ms) {
    this.memberTimeoutMs = ms;
    return this;
  }

  /** queues.conf {@code retry}: the pause before the next member is rung (default 2 s). */
  public synchronized StaffPhones retryMs(long ms) {
    this.retryMs = ms;
    return this;
  }

  /** How long a bridged call lasts when no staff phone's {@code talkMs} says (default 5 s). */
  public synchronized StaffPhones defaultTalkMs(long ms) {
    this.defaultTalkMs = ms;
    return this;
  }

  /** The Queue timeout when the channel has no TANFANG_QUEUE_TIMEOUT (the dialplan's 60). */
  public synchronized StaffPhones defaultQueueTimeoutSeconds(int seconds) {
    this.defaultQueueTimeoutSeconds = seconds;
    return this;
  }

  /** The dialplan's Playback when the follow-up AGI cannot run (default staff-busy). */
  public synchronized StaffPhones busyPrompt(String path) {
    this.busyPrompt = path;
    return this;
  }

  /** The follow-up AGI script after an unanswered queue (default transfer-unanswered). */
  public synchronized StaffPhones unansweredScript(String script) {
    this.unansweredScript = script;
    return this;
  }

  synchronized long memberTimeoutMs() {
    return memberTimeoutMs;
  }

  synchronized long retryMs() {
    return retryMs;
  }

  synchronized long defaultTalkMs() {
    return defaultTalkMs;
  }

  synchronized int defaultQueueTimeoutSeconds() {
    return defaultQueueTimeoutSeconds;
  }

  synchronized String busyPrompt() {
    return busyPrompt;
  }

  synchronized String unansweredScript() {
    return unansweredScript;
  }

  /** strategy = rrmemory: round robin, starting after the member rung last. */
  synchronized Optional<StaffPhone> nextMember() {
    if (members.isEmpty()) {
      return Optional.empty();
    }
    StaffPhone p = members.get(next % members.size());
    next = (next + 1) % members.size();
    return Optional.of(p);
  }

  /** A caller joins: returns its position (callers waiting now, itself included). */
  int join() {
    return waiting.incrementAndGet();
  }

  /** A caller leaves: returns how many still wait. */
  int leave() {
    return Math.max(0, waiting.decrementAndGet());
  }
}
