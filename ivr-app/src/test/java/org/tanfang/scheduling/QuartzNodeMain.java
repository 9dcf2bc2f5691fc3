package org.tanfang.scheduling;

import java.util.Properties;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/**
 * A clustered Quartz node in a process of its own, so a test can kill it outright. Arguments: JDBC
 * URL, user, password, instance id.
 */
public final class QuartzNodeMain {
  private QuartzNodeMain() {}

  public static void main(String[] args) throws Exception {
    Scheduler scheduler =
        new StdSchedulerFactory(properties(args[0], args[1], args[2], args[3])).getScheduler();
    scheduler.start();
    System.out.println("node " + args[3] + " started");
    Thread.currentThread().join(); // runs until killed
  }

  static Properties properties(String url, String user, String password, String instanceId) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "kill-test");
    p.setProperty("org.quartz.scheduler.instanceId", instanceId);
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    // A job stored by the node in the other process reaches this one only when it next looks for
    // triggers: every second, not after Quartz's default idle wait of up to 30 s.
    p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", "ds");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "500");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
    p.setProperty("org.quartz.dataSource.ds.provider", "hikaricp");
    p.setProperty("org.quartz.dataSource.ds.driver", "org.postgresql.Driver");
    p.setProperty("org.quartz.dataSource.ds.URL", url);
    p.setProperty("org.quartz.dataSource.ds.user", user);
    p.setProperty("org.quartz.dataSource.ds.password", password == null ? "" : password);
    p.setProperty("org.quartz.dataSource.ds.maxConnections", "4");
    return p;
  }
}
