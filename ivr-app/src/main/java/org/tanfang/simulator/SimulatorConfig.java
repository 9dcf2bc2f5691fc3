package org.tanfang.simulator;

import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.StaffPhone;
import org.tanfang.callflow.AgiProperties;
import org.tanfang.callflow.FastAgiServer;
import org.tanfang.dialer.AttemptDialing;
import org.tanfang.dialer.PbxProperties;
import org.tanfang.dialer.SimulatedPbx;
import org.tanfang.speech.ReplyLanguageOverride;
import org.tanfang.speech.SpeechProperties;
import org.tanfang.system.ConditionalOnSimulator;

/**
 * Dev mode without Asterisk: starts asterisk-sim in-process (AMI on 127.0.0.1, a free port by
 * default), points the dialer at it, and lets it connect back to this application's FastAGI port
 * for every answered call. Real sockets and the real Asterisk-Java code paths throughout.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSimulator
class SimulatorConfig {
  private static final Logger log = LoggerFactory.getLogger(SimulatorConfig.class);
  static final String USER = "tanfang";
  static final String FAMILY_CONTEXT = "tanfang-family";
  // One secret per run: nothing outside this process should log in to the simulator.
  private final String secret = UUID.randomUUID().toString();

  @Bean(destroyMethod = "close")
  AsteriskSim asteriskSim(SimulatorProperties props, FastAgiServer agi, AgiProperties agiProps) {
    String agiHost = agiProps.bindAddress();
    if (agiHost.equals("0.0.0.0") || agiHost.equals("::")) {
      agiHost = "127.0.0.1";
    }
    AsteriskSim sim =
        AsteriskSim.builder()
            .amiPort(props.amiPort())
            .user(USER, secret)
            .agi(agiHost, agi.port())
            .agiScript(FastAgiServer.scriptName())
            .contextScript(FAMILY_CONTEXT, FastAgiServer.familyScriptName())
            .language("cmn")
            .staffPhone(
                props.staffAnswers()
                    ? StaffPhone.answering(
                        props.staffPhone(),
                        props.staffAnswerAfter().toMillis(),
                        props.staffTalkTime().toMillis())
                    : StaffPhone.neverAnswering(props.staffPhone()))
            .staffQueue(
                q ->
                    q.memberTimeoutMs(props.queueMemberTimeout().toMillis())
                        .retryMs(Math.min(2000, props.queueMemberTimeout().toMillis() / 4))
                        .defaultTalkMs(props.staffTalkTime().toMillis())
                        .unansweredScript(FastAgiServer.unansweredScriptName()))
            .build()
            .start();
    log.info(
        "Simulated Asterisk (asterisk-sim) on AMI 127.0.0.1:{}, FastAGI to {}:{}: no real calls",
        sim.amiPort(),
        agiHost,
        agi.port());
    return sim;
  }

  @Bean
  SimulatedPbx simulatedPbx(AsteriskSim sim, SimulatorProperties props) {
    return new SimulatedPbx(
        new PbxProperties(
            "sim",
            "127.0.0.1",
            sim.amiPort(),
            USER,
            secret,
            "PJSIP/{number}@trunk",
            "Tanfang <12349>",
            props.ringTimeout(),
            props.channelLimit(),
            "tanfang-checkin",
            "s",
            FAMILY_CONTEXT));
  }

  @Bean
  DemoCalleeBook demoCalleeBook(
      AsteriskSim sim,
      SimulatorProperties props,
      ReplyLanguageOverride override,
      SpeechProperties speech,
      JdbcTemplate jdbc) {
    Optional<DemoVoices.Replies> voices =
        props.demoCallees() ? DemoVoices.prepare(override, speech) : Optional.empty();
    return new DemoCalleeBook(sim, props.demoCallees(), voices, jdbc);
  }

  /** Gives each number its demo behaviour just before it is dialled. */
  static final class DemoCalleeBook {
    private final AsteriskSim sim;
    private final boolean enabled;
    private final Optional<DemoVoices.Replies> voices;
    private final JdbcTemplate jdbc;

    DemoCalleeBook(
        AsteriskSim sim, boolean enabled, Optional<DemoVoices.Replies> voices, JdbcTemplate jdbc) {
      this.sim = sim;
      this.enabled = enabled;
      this.voices = voices;
      this.jdbc = jdbc;
    }

    /**
     * Elders by {@link DemoCallees#forNumber}; emergency contacts by {@link
     * DemoCallees#forContact}.
     */
    @EventListener
    public void dialing(AttemptDialing event) {
      if (enabled) {
        boolean family =
            Boolean.TRUE.equals(
                jdbc.queryForObject(
                    "select purpose = 'FAMILY_NOTICE' from visit where id = ?",
                    Boolean.class,
                    event.visitId()));
        sim.callees()
            .put(
                event.phone(),
                family
                    ? DemoCallees.forContact(event.phone())
                    : DemoCallees.forNumber(event.phone(), voices));
      }
    }
  }
}
