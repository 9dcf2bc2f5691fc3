package org.tanfang.scheduling;

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
 * The Quartz jobs (clustered JDBC job store: each fires on one node; a dead node's are taken over).
 * Triggers fire on real time; each job decides by the application's Clock. Misfire policies (a
 * trigger missed because every node was down or busy longer than the misfire threshold):
 *
 * <ul>
 *   <li>planning (daily cron): fire once now, then on schedule — a missed day is planned late;
 *   <li>cycle-end check (hourly cron): fire once now;
 *   <li>festival rounds (daily cron): fire once now.
 * </ul>
 *
 * All jobs are {@link DisallowConcurrentExecution}: one run at a time in the whole cluster. Pacing
 * is not among them: it runs on every node ({@link NodePacing}, a per-node scheduler), each node
 * claiming its own share with {@code for update skip locked}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "tanfang.scheduler.enabled",
    havingValue = "true",
    matchIfMissing = true)
class SchedulingJobs {
  private static final String GROUP = "tanfang-scheduling";
  private final TimeZone zone;

  SchedulingJobs(Clock clock) {
    this.zone = TimeZone.getTimeZone(clock.getZone());
  }

  @DisallowConcurrentExecution
  static class PlanningJob extends QuartzJobBean {
    private final CyclePlanning planning;

    PlanningJob(CyclePlanning planning) {
      this.planning = planning;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
      planning.planCurrentCycles();
    }
  }

  @DisallowConcurrentExecution
  static class PacingJob extends QuartzJobBean {
    private final Pacer pacer;

    PacingJob(Pacer pacer) {
      this.pacer = pacer;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
      pacer.pace();
    }
  }

  @DisallowConcurrentExecution
  static class CycleEndJob extends QuartzJobBean {
    private final CycleEndCheck check;

    CycleEndJob(CycleEndCheck check) {
      this.check = check;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
      check.run();
    }
  }

  @DisallowConcurrentExecution
  static class FestivalJob extends QuartzJobBean {
    private final SpecialRounds rounds;
    private final SchedulerProperties props;

    FestivalJob(SpecialRounds rounds, SchedulerProperties props) {
      this.rounds = rounds;
      this.props = props;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
      if (props.festivalRounds()) {
        rounds.openFestivalRounds();
      }
    }
  }

  private static JobDetail job(Class<? extends QuartzJobBean> type, String name) {
    return QuartzJobs.job(type, name, GROUP);
  }

  private Trigger daily(JobDetail job, String cron, SchedulerProperties props) {
    return TriggerBuilder.newTrigger()
        .forJob(job)
        .withIdentity(job.getKey().getName(), GROUP)
        .withSchedule(
            CronScheduleBuilder.cronSchedule(cron)
                .inTimeZone(zone)
                .withMisfireHandlingInstructionFireAndProceed())
        .build();
  }

  @Bean
  JobDetail planningJob() {
    return job(PlanningJob.class, "planning");
  }

  @Bean
  Trigger planningTrigger(JobDetail planningJob, SchedulerProperties props) {
    return daily(planningJob, props.planningCron(), props);
  }

  @Bean
  JobDetail cycleEndJob() {
    return job(CycleEndJob.class, "cycle-end");
  }

  @Bean
  Trigger cycleEndTrigger(JobDetail cycleEndJob, SchedulerProperties props) {
    return daily(cycleEndJob, props.cycleEndCron(), props);
  }

  @Bean
  JobDetail festivalJob() {
    return job(FestivalJob.class, "festival-rounds");
  }

  @Bean
  Trigger festivalTrigger(JobDetail festivalJob, SchedulerProperties props) {
    return daily(festivalJob, props.festivalCron(), props);
  }
}
