package org.tanfang.retention;

import java.time.Clock;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.tanfang.shared.QuartzJobs;

/**
 * The retention job on the scheduler's clustered job store (one node runs it), daily at {@code
 * tanfang.retention.cron} in the application zone. A missed fire (every node down) runs once when a
 * node is back. Off with the other jobs ({@code tanfang.scheduler.enabled=false}, as in the tests,
 * which call {@link Retention#run} themselves).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "tanfang.scheduler.enabled",
    havingValue = "true",
    matchIfMissing = true)
class RetentionJobs {
  private static final String GROUP = "tanfang-retention";

  @DisallowConcurrentExecution
  static class RetentionJob extends QuartzJobBean {
    private final Retention retention;

    RetentionJob(Retention retention) {
      this.retention = retention;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
      retention.runScheduled();
    }
  }

  @Bean
  JobDetail retentionJob() {
    return QuartzJobs.job(RetentionJob.class, "retention", GROUP);
  }

  @Bean
  Trigger retentionTrigger(JobDetail retentionJob, RetentionProperties props, Clock clock) {
    return TriggerBuilder.newTrigger()
        .forJob(retentionJob)
        .withIdentity("retention", GROUP)
        .withSchedule(
            CronScheduleBuilder.cronSchedule(props.cron())
                .inTimeZone(TimeZone.getTimeZone(clock.getZone()))
                .withMisfireHandlingInstructionFireAndProceed())
        .build();
  }
}
