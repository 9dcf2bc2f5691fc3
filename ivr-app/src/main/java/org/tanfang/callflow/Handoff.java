package org.tanfang.callflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.visits.VisitAnswers;
import org.tanfang.visits.Visits;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversations' writes, off their threads: {@link VisitLog} hands each one (an answer, the
 * start, the outcome, a listen request) to a bounded in-memory queue and goes on; one writer thread
 * applies them in order. While the database is unreachable the writer appends them to a local
 * journal (append-only, one JSON line each, synced) and tries again every {@code retry-interval};
 * when the database is back it replays the journal in order, then the queue. Every entry carries an
 * idempotency key (answers: {@code visit_answer.handoff_key}, others: {@code handoff_applied}), so
 * an entry applied twice (a replay after a crash between the write and the journal's removal) is
 * written once. The events that depend on a write (a DISTRESS or listen case, the outcome's review)
 * are published by the writer after the write, once. At start-up a journal left by the last run is
 * replayed before FastAGI accepts calls and before the start-up reconcile.
 *
 * <p>An entry the database refuses while it is reachable (a constraint, a bad value) is not retried
 * for ever: it goes to {@code dead.jsonl} beside the journal with an error in the log.
 */
@Component("conversationHandoff")
class Handoff implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(Handoff.class);
  static final String JOURNAL = "journal.jsonl";
  static final String DEAD = "dead.jsonl";

  /** What a conversation hands over: a write, or an action to run after the writes before it. */
  private sealed interface Item {}

  private record Write(Entry entry) implements Item {}

  private record Then(Runnable action) implements Item {}

  /** One write, as journalled; fields not used by its kind are null. */
  record Entry(
      Kind kind,
      String key,
      long visitId,
      Long attemptId,
      long elderId,
      String scriptId,
      String questionId,
      String area,
      String method,
      String rawKey,
      String intent,
      String needs,
      String recording,
      String transcript,
      int reprompts,
      Long followsUp,
      String rule,
      boolean flag,
      boolean publish,
      String outcome,
      String at) {
    Instant instant() {
      return Instant.parse(at);
    }

    /** The conversation started with that script ({@link Kind#STARTED}). */
    static Entry started(long visitId, String scriptId, Instant at) {
      return new Entry(
          Kind.STARTED,
          null,
          visitId,
          null,
          0,
          scriptId,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          0,
          null,
          null,
          false,
          false,
          null,
          at.toString());
    }

    /** An answer ({@link Kind#ANSWER}); {@code distress}: it asks for staff (a DISTRESS case). */
    static Entry answer(
        String key,
        long visitId,
        Long attemptId,
        long elderId,
        Answer a,
        boolean distress,
        Instant at) {
      return new Entry(
          Kind.ANSWER,
          key,
          visitId,
          attemptId,
          elderId,
          null,
          a.questionId(),
          a.area().name(),
          a.method().name(),
          a.rawKey(),
          a.intent().name(),
          a.needs(),
          a.recording(),
          a.transcript(),
          a.reprompts(),
          null,
          null,
          distress,
          false,
          null,
          at.toString());
    }

    /** The answer to a follow-up of answer {@code followsUp} by {@code rule}. */
    static Entry followUp(
        String key,
        long visitId,
        Long attemptId,
        long elderId,
        Answer a,
        long followsUp,
        String rule,
        Instant at) {
      return new Entry(
          Kind.FOLLOW_UP,
          key,
          visitId,
          attemptId,
          elderId,
          null,
          a.questionId(),
          a.area().name(),
          a.method().name(),
          a.rawKey(),
          a.intent().name(),
          null,
          null,
          null,
          a.reprompts(),
          followsUp,
          rule,
          false,
          false,
          null,
          at.toString());
    }

    /** A person should listen to the reply to {@code questionId} ({@link Kind#LISTEN}). */
    static Entry listen(
        String key,
        long visitId,
        Long attemptId,
        long elderId,
        String questionId,
        String transcript,
        boolean urgent,
        Instant at) {
      return new Entry(
          Kind.LISTEN,
          key,
          visitId,
          attemptId,
          elderId,
          null,
          questionId,
          null,
          null,
          null,
          null,
          null,
          null,
          transcript,
          0,
          null,
          null,
          urgent,
          false,
          null,
          at.toString());
    }

    /**
     * A conversation's outcome ({@link Kind#FINISHED}); {@code publish} says whether its
     * ConversationEnded is published once written (a check-in) or not (a family notification).
     */
    static Entry finished(
        String key,
        long visitId,
        Long attemptId,
        long elderId,
        boolean valid,
        boolean publish,
        String outcome,
        Instant at) {
      return new Entry(
          Kind.FINISHED,
          key,
          visitId,
          attemptId,
          elderId,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          0,
          null,
          null,
          valid,
          publish,
          outcome,
          at.toString());
    }
  }

  enum Kind {
    /** The conversation started ({@code scriptId}). */
    STARTED,
    /** An answer; {@code flag}: it asks for staff (a DISTRESS case). */
    ANSWER,
    /** The answer to a follow-up ({@code followsUp}, {@code rule}). */
    FOLLOW_UP,
    /** A person should listen to a reply; {@code flag}: urgent. */
    LISTEN,
    /** The outcome; {@code flag}: the visit counts; {@code publish}: {@link ConversationEnded}. */
    FINISHED
  }

  private final JdbcTemplate jdbc;
  private final HandoffWrites writes;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate tx;
  private final HandoffProperties props;
  private final BlockingQueue<Item> queue;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Path journal;
  private final Path dead;
  private final List<Runnable> afterJournal = new ArrayList<>();
  private final Object journalLock = new Object();
  private final org.tanfang.shared.DatabaseState state;
  private volatile boolean reachable = true;
  private volatile long journalled;

  /** Items handed over and not yet applied, run or journalled (queued or in the writer's hands). */
  private final java.util.concurrent.atomic.AtomicInteger outstanding =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A wake-up for the writer, released at each item a conversation puts in the queue: the writer
   * waits on it, never on the queue, because items leave the queue only under {@code journalLock}
   * ({@link #take}, {@link #toJournal}).
   */
  private final java.util.concurrent.Semaphore queuedSignal = new java.util.concurrent.Semaphore(0);

  /**
   * Runs under {@code journalLock} once items have left the queue for the journal and before they
   * are appended (a slow disk's moment): a test holds a conversation there to drive the
   * interleaving that let a call's end run before its outcome.
   */
  volatile Runnable journalling = () -> {};

  private volatile String lastFailure;
  private volatile boolean stopping;
  private Thread writer;
  private final java.time.Clock clock;

  /** When the writer last removed old keys (by the injected clock); null: not yet. */
  private volatile Instant prunedAt;

  /** How often the writer removes keys older than {@code keep-applied}, after a write. */
  static final java.time.Duration PRUNE_EVERY = java.time.Duration.ofHours(1);

  Handoff(
      JdbcTemplate jdbc,
      Visits visits,
      VisitAnswers answers,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactions,
      HandoffProperties props,
      org.tanfang.shared.DatabaseState state,
      ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters,
      java.time.Clock clock) {
    this.clock = clock;
    this.state = state;
    this.jdbc = jdbc;
    this.writes = new HandoffWrites(jdbc, visits, answers, clock, props);
    this.events = events;
    this.tx = new TransactionTemplate(transactions);
    this.props = props;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, props.capacity()));
    Path dir = Path.of(props.journalDir()).toAbsolutePath().normalize();
    this.journal = dir.resolve(JOURNAL);
    this.dead = dir.resolve(DEAD);
    try {
      Files.createDirectories(dir);
      journalled = Files.exists(journal) ? lines(journal).size() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("tanfang.telephony.handoff.journal-dir " + dir, e);
    }
    meters.ifAvailable(
        m ->
            io.micrometer.core.instrument.Gauge.builder(
                    "tanfang_handoff_backlog", this, Handoff::backlog)
                .description("Conversation writes not yet in the database (queue and journal)")
                .register(m));
  }

  // --- what conversations call ---------------------------------------------------------------

  /** Hands the entry over; never waits on the database. */
  void write(Entry e) {
    hand(new Write(e), e);
  }

  /**
   * Hands the entry over and waits for it to be written, at most {@code read-timeout}: for an
   * answer whose case must exist before the call goes on (a DISTRESS case before the staff queue
   * rings). True if written in time.
   */
  boolean writeAndWait(Entry e) {
    write(e);
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    then(done::countDown);
    try {
      return done.await(props.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs {@code action} on the writer once every entry handed over before it is applied. */
  void then(Runnable action) {
    hand(new Then(action), null);
  }

  private void hand(Item item, Entry e) {
    outstanding.incrementAndGet();
    if (!reachable) {
      // The database is down: straight to the journal, after what is still queued (in order).
      synchronized (journalLock) {
        if (!reachable) {
          toJournal();
          journalItems(List.of(item));
          return;
        }
      }
    }
    try {
      if (queue.offer(item, props.offerTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        queuedSignal.release();
        return;
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    // The queue is full (the writer is far behind): the entry goes to the journal, in order.
    log.warn("Hand-off queue full ({}): journalling on the conversation's thread", queue.size());
    synchronized (journalLock) {
      toJournal();
      journalItems(List.of(item));
    }
  }

  // --- state, for the health and the gauge ---------------------------------------------------

  private void reachable(boolean now) {
    reachable = now;
    state.reachable(now);
  }

  /** Whether the last write (or probe) reached the database. */
  boolean databaseReachable() {
    return reachable;
  }

  int queued() {
    return queue.size();
  }

  long journalled() {
    return journalled;
  }

  /**
   * Everything handed over and not yet done: queued, being written, journalled, or waiting to run
   * after the journal. Zero means nothing of a call is still to be written.
   */
  double backlog() {
    synchronized (journalLock) {
      return outstanding.get() + journalled + afterJournal.size();
    }
  }

  String lastFailure() {
    return lastFailure;
  }

  Path journalFile() {
    return journal;
  }

  // --- lifecycle -----------------------------------------------------------------------------

  /** Replays what the last run left (before FastAGI starts), then starts the writer. */
  @Override
  public synchronized void start() {
    if (writer != null) {
      return;
    }
    stopping = false;
    if (journalled > 0) {
      log.info("Hand-off: replaying {} journalled entries of the last run", journalled);
      if (!replay()) {
        log.warn("Hand-off: database unreachable at start-up, the writer will retry");
      }
    }
    writer = new Thread(this::drain, "tanfang-handoff");
    writer.setDaemon(true);
    writer.start();
  }

  /** After FastAGI and the call drain: writes what is queued (or journals it), then returns. */
  @Override
  public void stop() {
    Thread w;
    synchronized (this) {
      w = writer;
      writer = null;
    }
    if (w == null) {
      return;
    }
    stopping = true;
    try {
      w.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (w.isAlive()) {
      w.interrupt();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return writer != null;
  }

  /** Starts before FastAGI (DEFAULT_PHASE - 100) and the dialer, stops after them. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 200;
  }

  // --- the writer ----------------------------------------------------------------------------

  private void drain() {
    while (!stopping || !queue.isEmpty()) {
      try {
        if (journalled > 0) {
          toJournal();
          if (replay()) {
            runAfterJournal();
          } else if (stopping) {
            toJournal();
            return;
          } else {
            // Again in retry-interval, or as soon as a conversation queues an item (moved to the
            // journal by the next turn, as the old poll did).
            awaitQueued(props.retryInterval().toMillis());
          }
          continue;
        }
        List<Item> items = take();
        if (items == null) {
          continue; // journalled meanwhile: the journal goes first
        }
        if (items.isEmpty()) {
          runAfterJournal();
          awaitQueued(200);
          continue;
        }
        writeInOrder(items);
      } catch (InterruptedException e) {
        toJournal();
        return;
      } catch (RuntimeException e) {
        log.error("Hand-off writer: unexpected failure", e);
      }
    }
    // Stopping: a last try at the journal; what stays is replayed at the next start.
    if (journalled > 0 && !replay()) {
      log.warn("Hand-off: {} entries stay in {} for the next start", journalled, journal);
    }
    runAfterJournal();
  }

  /**
   * Applies what the writer took from the queue, in order: each run of writes in one transaction
   * ({@link #applyAll}), each action once the writes before it are in. If the database fails, what
   * was not written goes to the journal first, then the rest of the queue.
   */
  private void writeInOrder(List<Item> items) {
    int i = 0;
    while (i < items.size()) {
      if (items.get(i) instanceof Then t) {
        run(t.action());
        outstanding.decrementAndGet();
        i++;
        continue;
      }
      List<Entry> run = new ArrayList<>();
      for (int j = i; j < items.size() && items.get(j) instanceof Write w; j++) {
        run.add(w.entry());
      }
      int done = applyAll(run);
      outstanding.addAndGet(-done);
      if (done < run.size()) {
        synchronized (journalLock) {
          // Those not written first, then the rest, then conversations journal themselves.
          journalItems(items.subList(i + done, items.size()));
          toJournal();
          reachable(false);
        }
        return;
      }
      i += run.size();
    }
  }

  /**
   * The writer's next batch from the queue; null while the journal holds entries (they are applied
   * first). Taken under {@code journalLock}, as everything that leaves the queue: a conversation
   * that finds the queue full moves the queue to the journal under that lock, so when the writer
   * takes a batch here with the journal empty, every item handed over before that batch is written
   * already or in the writer's hands. Taken outside the lock (a poll, then a look at the journal),
   * a batch could hold a call's end (an action after its writes) while that call's outcome, moved
   * out of the queue a moment before, was still being appended to the journal: the attempt ended
   * with its visit not yet valid and went back for a retry.
   */
  private List<Item> take() {
    synchronized (journalLock) {
      if (journalled > 0) {
        return null;
      }
      List<Item> items = new ArrayList<>();
      queue.drainTo(items, Math.max(1, props.batchSize()));
      return items;
    }
  }

  /** Waits until a conversation queues an item, at most {@code millis}. */
  private void awaitQueued(long millis) throws InterruptedException {
    queuedSignal.tryAcquire(millis, TimeUnit.MILLISECONDS);
    queuedSignal.drainPermits();
  }

  /**
   * Everything queued to the journal, in order, in one hold of {@code journalLock} (see {@link
   * #take}): the database is unreachable, or the journal already holds entries.
   */
  private void toJournal() {
    synchronized (journalLock) {
      List<Item> items = new ArrayList<>();
      queue.drainTo(items);
      journalItems(items);
    }
  }

  private void journalItems(List<Item> items) {
    List<Entry> entries = new ArrayList<>();
    synchronized (journalLock) {
      if (!items.isEmpty()) {
        journalling.run();
      }
      for (Item i : items) {
        if (i instanceof Write w) {
          entries.add(w.entry());
        } else {
          afterJournal.add(((Then) i).action());
        }
      }
      append(entries);
      outstanding.addAndGet(-items.size());
    }
  }

  private void append(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (Entry e : entries) {
      lines.append(json.writeValueAsString(e)).append('\n');
    }
    synchronized (journalLock) {
      try (FileChannel ch =
          FileChannel.open(
              journal,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        ch.write(java.nio.ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
        ch.force(false);
        journalled += entries.size();
      } catch (IOException e) {
        // Nowhere left to keep it: say everything, so a person can re-enter it.
        log.error(
            "Hand-off: cannot journal {} entries to {}: {}", entries.size(), journal, lines, e);
      }
    }
  }

  /** Replays the journal in order; true if it was all applied (and the journal is gone). */
  private boolean replay() {
    List<String> lines;
    synchronized (journalLock) {
      try {
        lines = Files.exists(journal) ? lines(journal) : List.of();
      } catch (IOException e) {
        log.error("Hand-off: cannot read the journal {}", journal, e);
        return false;
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (String line : lines) {
      try {
        entries.add(json.readValue(line, Entry.class));
      } catch (RuntimeException bad) {
        // A line cut short by a crash while it was written.
        log.warn("Hand-off: unreadable journal line skipped: {}", line);
      }
    }
    int size = Math.max(1, props.batchSize());
    for (int from = 0; from < entries.size(); from += size) {
      List<Entry> batch = entries.subList(from, Math.min(entries.size(), from + size));
      if (applyAll(batch) < batch.size()) {
        reachable(false);
        return false;
      }
    }
    synchronized (journalLock) {
      try {
        // Entries journalled meanwhile by a conversation (queue full) stay for the next replay.
        List<String> now = Files.exists(journal) ? lines(journal) : List.of();
        if (now.size() > lines.size()) {
          Files.write(journal, now.subList(lines.size(), now.size()), StandardCharsets.UTF_8);
          journalled = now.size() - lines.size();
          return false;
        }
        Files.deleteIfExists(journal);
        journalled = 0;
      } catch (IOException e) {
        log.error("Hand-off: cannot remove the replayed journal {}", journal, e);
        return false;
      }
    }
    if (!lines.isEmpty()) {
      log.info("Hand-off: {} journalled entries written to the database", lines.size());
    }
    return true;
  }

  private void runAfterJournal() {
    List<Runnable> due;
    synchronized (journalLock) {
      if (journalled > 0 || afterJournal.isEmpty()) {
        return;
      }
      due = new ArrayList<>(afterJournal);
      afterJournal.clear();
      outstanding.addAndGet(due.size());
    }
    for (Runnable action : due) {
      run(action);
      outstanding.decrementAndGet();
    }
  }

  private void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.error("Hand-off: action after the writes failed", e);
    }
  }

  /**
   * Writes one entry (once), then publishes what depends on it. True if done (or refused for good
   * and kept in dead.jsonl); false if the database is unreachable (the entry must be kept).
   */
  boolean apply(Entry e) {
    return applyAll(List.of(e)) == 1;
  }

  /**
   * Writes the entries in order, in one transaction, then publishes what depends on them, in order,
   * the conversations' ends last and together ({@link ConversationsEnded}). Returns how many of
   * them (from the first) are done — written, or refused for good and kept in dead.jsonl; the
   * others must be kept (the database is unreachable). An entry the database refuses loses the
   * whole transaction: the entries are then written one by one, so only that one is kept aside and
   * none is written twice (each is applied once by its key).
   */
  int applyAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return 0;
    }
    List<Object> published;
    try {
      published = tx.execute(status -> writes.apply(entries));
    } catch (RuntimeException ex) {
      if (refusedForGood(ex) && probe()) {
        if (entries.size() > 1) {
          log.warn(
              "Hand-off: a batch of {} entries refused ({}), writing them one by one",
              entries.size(),
              ex.toString());
          for (int i = 0; i < entries.size(); i++) {
            if (!apply(entries.get(i))) {
              return i;
            }
          }
          return entries.size();
        }
        log.error("Hand-off: the database refused entry {}: kept in {}", entries.get(0), dead, ex);
        deadLetter(entries.get(0));
        return 1;
      }
      if (reachable) {
        log.warn("Hand-off: database unreachable ({}), journalling to {}", ex.toString(), journal);
      }
      lastFailure = ex.toString();
      return 0;
    }
    reachable(true);
    lastFailure = null;
    pruneIfDue();
    List<ConversationEnded> ended = new ArrayList<>();
    for (Object event : published) {
      if (event instanceof ConversationEnded e) {
        ended.add(e);
      } else {
        publish(event);
      }
    }
    if (!ended.isEmpty()) {
      publish(new ConversationsEnded(ended));
    }
    return entries.size();
  }

  private void publish(Object event) {
    try {
      events.publishEvent(event);
    } catch (RuntimeException ex) {
      log.error("Hand-off: listener of {} failed", event, ex);
    }
  }

  /**
   * Removes the keys of {@code handoff_applied} older than {@code keep-applied} (by the injected
   * clock): no journalled entry that old is applied any more ({@code HandoffWrites#tooOld}). The
   * number removed.
   */
  int prune() {
    Instant horizon = clock.instant().minus(props.keepApplied());
    int n =
        jdbc.update(
            "delete from handoff_applied where applied_at < ?", java.sql.Timestamp.from(horizon));
    prunedAt = clock.instant();
    if (n > 0) {
      log.info("Hand-off: {} applied keys older than {} removed", n, horizon);
    }
    return n;
  }

  private void pruneIfDue() {
    Instant now = clock.instant();
    if (prunedAt != null && now.isBefore(prunedAt.plus(PRUNE_EVERY)) && !now.isBefore(prunedAt)) {
      return;
    }
    try {
      prune();
    } catch (RuntimeException ex) {
      log.warn("Hand-off: old applied keys not removed: {}", ex.toString());
      prunedAt = now;
    }
  }

  private static boolean refusedForGood(RuntimeException ex) {
    return ex instanceof DataIntegrityViolationException
        || ex instanceof InvalidDataAccessApiUsageException
        || ex instanceof IllegalArgumentException
        || ex instanceof IllegalStateException;
  }

  /** Whether the database answers now (a refused entry is then the entry's fault). */
  private boolean probe() {
    try {
      jdbc.queryForObject("select 1", Integer.class);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void deadLetter(Entry e) {
    try {
      Files.writeString(
          dead,
          json.writeValueAsString(e) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException io) {
      log.error("Hand-off: cannot keep the refused entry {} in {}", e, dead, io);
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank())
        .toList();
  }
}
