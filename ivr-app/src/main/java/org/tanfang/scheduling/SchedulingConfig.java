package org.tanfang.scheduling;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.scheduler.dispatch.CallDispatcher;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/** Wires the pacer to the dialer ({@link CallDispatcher}: the AMI dialer's SchedulerBridge). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
class SchedulingConfig {

  @Bean
  Pacer pacer(
      JdbcTemplate jdbc,
      Visits visits,
      Attempts attempts,
      Clock clock,
      CallDispatcher dialer,
      AttemptOutcomes outcomes,
      Windows windows,
      SchedulerProperties props,
      org.tanfang.shared.DatabaseState database,
      @org.springframework.beans.factory.annotation.Value("${tanfang.telephony.node:}")
          String nodeName) {
    return new Pacer(
        jdbc,
        visits,
        attempts,
        clock,
        dialer,
        outcomes,
        windows,
        nodeId(props),
        props.pacingBatch(),
        database,
        // Only a node whose NodePacing runs counts among the pacing nodes; tests that call the
        // pacer by hand (jobs off) pace as if alone, as before.
        props.enabled()
            ? new PacingNodes(
                jdbc, props.pacingInterval(), nodeName.isBlank() ? nodeId(props) : nodeName)
            : null);
  }

  static String nodeId(SchedulerProperties props) {
    if (!props.nodeId().isBlank()) {
      return props.nodeId();
    }
    try {
      return InetAddress.getLocalHost().getHostName()
          + "/"
          + ManagementFactory.getRuntimeMXBean().getPid();
    } catch (java.io.IOException e) {
      return "node/" + ManagementFactory.getRuntimeMXBean().getPid();
    }
  }
}
