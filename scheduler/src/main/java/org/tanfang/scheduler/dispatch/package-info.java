/**
 * The ports between the scheduler and the telephony dialer: {@link
 * org.tanfang.scheduler.dispatch.CallDispatcher} (the scheduler hands claimed attempts to the
 * dialer) and {@link org.tanfang.scheduler.dispatch.AttemptOutcomes} (the dialer reports an ended
 * attempt back), with the claiming order in {@link org.tanfang.scheduler.dispatch.CallPriority}.
 */
package org.tanfang.scheduler.dispatch;
