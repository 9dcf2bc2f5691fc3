package org.tanfang.scheduling;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduling settings ({@code tanfang.scheduler.*}); the README section "Scheduling" lists each
 * with its default.
 *
 * @param enabled whether the jobs run on this node (planning on start-up included)
 * @param nodeId written to {@code call_attempt.claimed_by}; blank means host name + process id
 * @param planningCron daily planning, local time (the one application zone, {@code tanfang.zone})
 * @param planOnStartup plan the current cycles when the application starts
 * @param planOnChange plan or re-plan an elder's current cycle as soon as the elder is created,
 *     changed, paused, resumed or imported (after the commit, on a worker thread)
 * @param pacingInterval how often due attempts are claimed and dialled, on every node (each node
 *     paces its own share: claims are {@code for update skip locked})
 * @param pacingBatch most attempts claimed in one pass; a pass claims as many as the free channels
 *     up to this
 * @param cycleEndCron the check that hands uncovered cycles to a person
 * @param festivalCron the check that opens festival greeting rounds
 * @param festivalRounds whether festival greeting rounds are made at all
 * @param callWindows the default call windows, e.g. {@code 09:00-11:30}
 * @param districtCallWindows windows per district (registry name), replacing the default
 * @param familyCallWindows when notification calls to elders' emergency contacts may be placed: the
 *     city's calling hours (clipped to the quiet hours), not the elder's own window
 * @param retryAfter gap between attempts on the same day
 * @param maxAttemptsPerDay attempts per local day before moving to the next day
 * @param needsPersonDaysLeft a cycle with this many days left and no valid visit goes to a person
 * @param spreadShare share of the cycle's days over which first calls are spread
 * @param reservedDays days at a cycle's end never used for first calls
 * @param devCompress spread newly planned first calls over {@link #devCompressOver} from now
 *     instead of the cycle, retry unanswered calls 2 min apart and hand an elder still unreached
 *     after the day's attempts to a person at once, so dev mode shows the whole path within the
 *     hour: {@code auto} on the embedded dev database only, {@code true}, {@code false}
 * @param devCompressOver the compressed spread
 * @param alertCallEstimate how long one alert call holds a channel, for the expected times a round
 *     shows
 * @param switchedOffRetryAfter gap before a switched-off phone (关机) is called again the same day
 * @param switchedOffDaysToPerson a phone switched off on this many consecutive days sends the elder
 *     to a person (UNREACHABLE) at once; 0 never does
 * @param suspendedFollowUp whether a suspended line (停机) opens a FOLLOW_UP case tagged with the
 *     living-support area (生活保障), besides flagging the number for correction
 */
@ConfigurationProperties("tanfang.scheduler")
public record SchedulerProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("") String nodeId,
    @DefaultValue("0 5 0 * * ?") String planningCron,
    @DefaultValue("true") boolean planOnStartup,
    @DefaultValue("true") boolean planOnChange,
    @DefaultValue("3s") Duration pacingInterval,
    @DefaultValue("2000") int pacingBatch,
    @DefaultValue("0 15 * * * ?") String cycleEndCron,
    @DefaultValue("0 10 0 * * ?") String festivalCron,
    @DefaultValue("true") boolean festivalRounds,
    @DefaultValue({"09:00-11:30", "15:00-17:30"}) List<String> callWindows,
    Map<String, List<String>> districtCallWindows,
    @DefaultValue({"08:00-12:00", "14:30-20:00"}) List<String> familyCallWindows,
    @DefaultValue("30m") Duration retryAfter,
    @DefaultValue("3") int maxAttemptsPerDay,
    @DefaultValue("3") int needsPersonDaysLeft,
    @DefaultValue("0.6") double spreadShare,
    @DefaultValue("3") int reservedDays,
    @DefaultValue("auto") String devCompress,
    @DefaultValue("1h") Duration devCompressOver,
    @DefaultValue("2m") Duration alertCallEstimate,
    @DefaultValue("2h") Duration switchedOffRetryAfter,
    @DefaultValue("2") int switchedOffDaysToPerson,
    @DefaultValue("true") boolean suspendedFollowUp) {

  public SchedulerProperties {
    districtCallWindows = districtCallWindows == null ? Map.of() : Map.copyOf(districtCallWindows);
  }
}
