package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.tanfang.speech.SpeechProperties;

/**
 * The recordings folder is absolute once bound: RECORD FILE gets a path Asterisk cannot resolve
 * against its own folders (a relative one lands under its sounds folder, where ivr-app never
 * looks).
 */
class RecordingFolderTest {
  static final Path HERE = Path.of("").toAbsolutePath();

  static Binder binder(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties));
  }

  @Test
  void givenTheRelativeDefault_thenRecordFileGetsItAsAnAbsolutePath() {
    Binder b = binder(Map.of("tanfang.telephony.callflow.recording-dir", "./data/recordings"));
    CallflowProperties callflow =
        b.bindOrCreate("tanfang.telephony.callflow", CallflowProperties.class);
    SpeechProperties speech = new Binder().bindOrCreate("tanfang.speech", SpeechProperties.class);

    assertThat(callflow.recordingDir()).isEqualTo(HERE.resolve("data/recordings").toString());
    assertThat(Path.of(callflow.recordingDir())).isAbsolute();
    assertThat(speech.recordingsDir()).isEqualTo(HERE.resolve("data/recordings"));
  }

  @Test
  void givenAnAbsoluteFolder_thenItIsKeptNormalised() {
    Binder b = binder(Map.of("tanfang.telephony.callflow.recording-dir", "/srv/tanfang/../rec/"));
    assertThat(
            b.bindOrCreate("tanfang.telephony.callflow", CallflowProperties.class).recordingDir())
        .isEqualTo(Path.of("/srv/rec").toString());
  }
}
