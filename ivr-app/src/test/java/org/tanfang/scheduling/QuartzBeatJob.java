package org.tanfang.scheduling;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** A cluster test job: records which node ran it, in the database the nodes share. */
@DisallowConcurrentExecution
public class QuartzBeatJob implements Job {
  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    JobDataMap data = context.getMergedJobDataMap();
    try (Connection c =
            DriverManager.getConnection(
                data.getString("url"), data.getString("user"), data.getString("password"));
        PreparedStatement insert =
            c.prepareStatement("insert into quartz_beat (node, at) values (?, now())")) {
      insert.setString(1, context.getScheduler().getSchedulerInstanceId());
      insert.executeUpdate();
    } catch (SQLException | SchedulerException e) {
      throw new JobExecutionException(e);
    }
  }
}
