package org.tanfang.callflow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The conversation's data and files.
 *
 * @param questionnaire the questionnaire resource
 * @param followUps the follow-up rules resource (what the previous visit found is asked first)
 * @param promptDir where Asterisk finds voice-prompts/ (prompts are played by full path, without
 *     extension: {@code <promptDir>/<lang>/<id>})
 * @param promptLocalDir the same folder as this application sees it; a dialect recording is used
 *     only if {@code <promptLocalDir>/<dialect>/<id>.wav} exists, else Mandarin
 * @param recordingDir where Asterisk writes the elders' recorded replies (speech mode); the
 *     application must see it at the same path. Resolved to an absolute path when bound (a relative
 *     one against this application's working directory): RECORD FILE is sent that absolute path,
 *     since Asterisk would resolve a relative one against its own folders, where ivr-app never
 *     looks. With a real Asterisk it must be a folder both see (same host or a shared mount)
 * @param speech when to listen for spoken replies (RECORD FILE + {@link ReplyRecognizer}) as well
 *     as keys: {@link SpeechMode} ({@code auto}: per elder, when their reply language has a model)
 * @param inboundFreshFor a call into the line is the short check-in: health always, then only the
 *     questions the elder has not answered (a real answer, in a valid visit) within this long
 */
@ConfigurationProperties("tanfang.telephony.callflow")
public record CallflowProperties(
    @DefaultValue("classpath:callflow/questionnaire-v1.json") String questionnaire,
    @DefaultValue("classpath:callflow/followups-v1.json") String followUps,
    @DefaultValue("/var/lib/asterisk/sounds/tanfang") String promptDir,
    @DefaultValue("./voice-prompts") String promptLocalDir,
    @DefaultValue("/var/spool/asterisk/tanfang") String recordingDir,
    @DefaultValue("auto") SpeechMode speech,
    @DefaultValue("7d") java.time.Duration inboundFreshFor) {

  public CallflowProperties {
    recordingDir = absolute(recordingDir);
  }

  /** {@code dir} made absolute against the working directory, normalised; blank stays blank. */
  static String absolute(String dir) {
    if (dir == null || dir.isBlank()) {
      return dir;
    }
    return java.nio.file.Path.of(dir.strip()).toAbsolutePath().normalize().toString();
  }
}
