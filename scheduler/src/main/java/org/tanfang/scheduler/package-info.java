/**
 * Who is due for a visit and when: the visit policy engine. Pure logic over values; time comes from
 * an injected {@link java.time.Clock} or explicit instants and dates, and every "day" is local to
 * {@link org.tanfang.scheduler.Haikou#ZONE} unless configured otherwise.
 */
package org.tanfang.scheduler;
