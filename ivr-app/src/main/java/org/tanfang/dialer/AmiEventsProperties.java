package org.tanfang.dialer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The queue between the AMI event threads and the database ({@link AmiEventQueue}; README, issue 13
 * "Conversations never wait on the database").
 *
 * @param capacity how many AMI events (of the kinds the dialer follows) may wait at once over all
 *     calls; an event that finds the queue full is dropped with an error in the log and counted
 *     ({@code tanfang_ami_events_dropped_total}), and its call is ended by the sweep or the
 *     reconcile
 * @param workers threads applying the events (one call's events are applied by one at a time)
 * @param retryInterval how long a call's events wait before trying the database again after it
 *     failed them
 * @param drainTimeout on a graceful stop, how long the queue gets to apply what waits, after the
 *     AMI connections closed and before the database closes
 */
@ConfigurationProperties("tanfang.telephony.ami-events")
public record AmiEventsProperties(
    @DefaultValue("10000") int capacity,
    @DefaultValue("4") int workers,
    @DefaultValue("1s") Duration retryInterval,
    @DefaultValue("10s") Duration drainTimeout) {}
