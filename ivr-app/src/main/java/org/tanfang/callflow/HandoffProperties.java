package org.tanfang.callflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hand-off between the conversations and the database (README, issue 13 "Conversations never
 * wait on the database").
 *
 * @param journalDir where the journal ({@code journal.jsonl}, entries not yet in the database) and
 *     the dead letters ({@code dead.jsonl}, entries the database refused) are kept; must survive a
 *     restart
 * @param capacity the in-memory queue's bound; a conversation that finds it full waits at most
 *     {@code offerTimeout}, then appends its entry to the journal itself
 * @param offerTimeout see {@code capacity}
 * @param readTimeout the budget of each read a conversation makes (the previous visit's answers,
 *     the attempt's elder): {@code lock_timeout} and {@code statement_timeout} of its transaction,
 *     and the longest the conversation waits for it, a connection included; then it goes on without
 * @param retryInterval how often the writer tries the database again while it is unreachable
 * @param keepApplied how long the keys of applied outcomes and listen requests ({@code
 *     handoff_applied}) are kept: the journal's replay window. The writer removes older keys (at
 *     most once an hour, after a write), and a journalled outcome or listen request older than this
 *     when it is replayed is not applied (its key may be gone) but kept in {@code dead.jsonl}
 * @param batchSize how many entries the writer applies in one transaction at most (a JDBC batch per
 *     kind of write); 1 writes them one by one
 */
@ConfigurationProperties("tanfang.telephony.handoff")
public record HandoffProperties(
    @DefaultValue("./data/handoff") String journalDir,
    @DefaultValue("10000") int capacity,
    @DefaultValue("200ms") Duration offerTimeout,
    @DefaultValue("500ms") Duration readTimeout,
    @DefaultValue("1s") Duration retryInterval,
    @DefaultValue("30d") Duration keepApplied,
    @DefaultValue("200") int batchSize) {}
