package org.tanfang.shared;

import java.time.Duration;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** How the application's Quartz jobs are declared, so every feature's jobs behave alike. */
public final class QuartzJobs {
  private QuartzJobs() {}

  /** A durable job (kept without triggers), named within its feature's group. */
  public static JobDetail job(Class<? extends QuartzJobBean> type, String name, String group) {
    return JobBuilder.newJob(type).withIdentity(name, group).storeDurably().build();
  }

  /**
   * Fires every {@code interval} from start-up; a fire missed (all nodes down or busy) is skipped,
   * since each pass catches up on everything due.
   */
  public static Trigger every(JobDetail job, Duration interval) {
    return TriggerBuilder.newTrigger()
        .forJob(job)
        .withIdentity(job.getKey().getName(), job.getKey().getGroup())
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(interval.toMillis())
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
