package org.tanfang.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live desk (README "Escalation desk").
 *
 * @param heartbeat how often an idle event stream gets a comment line, so proxies keep it open and
 *     a dead browser is noticed
 * @param streamTimeout how long one event stream lives; the browser then reconnects by itself
 * @param queueSize how many cases the queue page and API list at most
 */
@ConfigurationProperties("tanfang.desk")
public record DeskProperties(
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("30m") Duration streamTimeout,
    @DefaultValue("200") int queueSize) {}
