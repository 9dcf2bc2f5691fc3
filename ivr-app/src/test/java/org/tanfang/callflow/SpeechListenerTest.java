package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The speech seam: RECORD FILE's outcome is read from the reply line, not from Asterisk-Java's char
 * (which turns "3000 ms left" into a character).
 */
class SpeechListenerTest {
  static final Questionnaire.Question HEALTH =
      new Questionnaire.Question(
          "health", Area.HEALTH, "q-health", Map.of("1", Intent.FINE), List.of());

  AgiChannel channel = mock(AgiChannel.class);
  ReplyRecognizer recognizer = mock(ReplyRecognizer.class);
  SpeechListener listener = new SpeechListener(recognizer, "/var/spool/asterisk/tanfang");
  ReplyListener.Asking asking = new ReplyListener.Asking(HEALTH, 7, "hainan", 0);

  private void replies(String... lines) throws Exception {
    AgiReply[] replies = new AgiReply[lines.length];
    for (int i = 0; i < lines.length; i++) {
      AgiReply r = mock(AgiReply.class);
      when(r.getFirstLine()).thenReturn(lines[i]);
      when(r.getResultCode())
          .thenReturn(Integer.parseInt(lines[i].replaceAll("^200 result=(-?\\d+).*$", "$1")));
      replies[i] = r;
    }
    when(channel.getLastReply())
        .thenReturn(replies[0], java.util.Arrays.copyOfRange(replies, 1, replies.length));
  }

  @BeforeEach
  void quietPrompt() throws Exception {
    when(channel.streamFile(anyString(), anyString())).thenReturn((char) 0);
  }

  @Test
  void givenSpeechEndedBySilence_thenTheRecognizerHearsTheRecording() throws Exception {
    replies("200 result=3000 (timeout) endpos=24000");
    var understood = new ReplyRecognizer.Understanding(Intent.FINE, "挺好的", null);
    when(recognizer.understand(any(), eq(HEALTH), eq("hainan")))
        .thenReturn(Optional.of(understood));

    Reply reply = listener.listen(channel, "/p/cmn/q-health", asking, Duration.ofSeconds(6));

    assertThat(reply.speech()).isEqualTo(understood);
    assertThat(reply.recording()).isEqualTo("/var/spool/asterisk/tanfang/7-health-0.wav");
    verify(recognizer)
        .understand(Path.of("/var/spool/asterisk/tanfang/7-health-0.wav"), HEALTH, "hainan");
    verify(channel)
        .recordFile(
            eq("/var/spool/asterisk/tanfang/7-health-0"),
            eq("wav"),
            anyString(),
            anyInt(),
            eq(0),
            eq(false),
            eq(2));
  }

  @Test
  void givenAKeyDuringTheRecording_thenItIsAKeypadAnswer() throws Exception {
    replies("200 result=49 (dtmf) endpos=800");

    Reply reply = listener.listen(channel, "/p/cmn/q-health", asking, Duration.ofSeconds(6));

    assertThat(reply.key()).isEqualTo("1");
    verify(recognizer, never()).understand(any(), any(), any());
  }

  @Test
  void givenAHangUpDuringTheRecording_thenHungUp() throws Exception {
    replies("200 result=-1 (hangup) endpos=0");

    assertThatThrownBy(() -> listener.listen(channel, "/p", asking, Duration.ofSeconds(6)))
        .isInstanceOf(HungUp.class);
  }

  @Test
  void givenAKeyDuringThePrompt_thenNoRecordingIsMade() throws Exception {
    when(channel.streamFile(anyString(), anyString())).thenReturn('9');

    assertThat(listener.listen(channel, "/p", asking, Duration.ofSeconds(6)).key()).isEqualTo("9");
    verify(channel, never())
        .recordFile(
            anyString(), anyString(), anyString(), anyInt(), anyInt(), anyBoolean(), anyInt());
  }
}
