package org.tanfang.escalation;

import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.tanfang.shared.QuartzJobs;

/**
 * The escalation feature's Quartz jobs, on the scheduler's clustered job store (one node runs
 * each): deadlines checked every {@code tanfang.escalation.overdue-check}, home-visit tasks opened
 * every 10 minutes (planning runs daily; this also catches elders added mid-cycle), family
 * notifications whose next step was lost moved on every minute. A missed fire waits for the next
 * one: each pass catches up on everything.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "tanfang.scheduler.enabled",
    havingValue = "true",
    matchIfMissing = true)
class EscalationJobs {
  private static final String GROUP = "tanfang-escalation";

  @DisallowConcurrentExecution
  static class OverdueJob extends QuartzJobBean {
    private final OverdueCases overdue;

    OverdueJob(OverdueCases overdue) {
      this.overdue = overdue;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
      overdue.escalateOverdue();
    }
  }

  @DisallowConcurrentExecution
  static class HomeVisitJob extends QuartzJobBean {
    private final EscalationTriggers triggers;

    HomeVisitJob(EscalationTriggers triggers) {
      this.triggers = triggers;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
      triggers.homeVisitTasks();
    }
  }

  @DisallowConcurrentExecution
  static class FamilySweepJob extends QuartzJobBean {
    private final FamilyNotice notice;

    FamilySweepJob(FamilyNotice notice) {
      this.notice = notice;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
      notice.sweep();
    }
  }

  @Bean
  JobDetail familySweepJob() {
    return QuartzJobs.job(FamilySweepJob.class, "family-notice-sweep", GROUP);
  }

  @Bean
  Trigger familySweepTrigger(JobDetail familySweepJob) {
    return QuartzJobs.every(familySweepJob, Duration.ofMinutes(1));
  }

  @Bean
  JobDetail escalationOverdueJob() {
    return QuartzJobs.job(OverdueJob.class, "overdue", GROUP);
  }

  @Bean
  Trigger escalationOverdueTrigger(JobDetail escalationOverdueJob, EscalationProperties props) {
    return QuartzJobs.every(escalationOverdueJob, props.overdueCheck());
  }

  @Bean
  JobDetail homeVisitTaskJob() {
    return QuartzJobs.job(HomeVisitJob.class, "home-visit-tasks", GROUP);
  }

  @Bean
  Trigger homeVisitTaskTrigger(JobDetail homeVisitTaskJob) {
    return QuartzJobs.every(homeVisitTaskJob, Duration.ofMinutes(10));
  }
}
