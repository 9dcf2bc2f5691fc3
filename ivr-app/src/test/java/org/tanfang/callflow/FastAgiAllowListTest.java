package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tanfang.testsupport.TanfangTest;

/**
 * FastAGI has no authentication: only the configured PBX addresses may connect (tests allow
 * 127.0.0.1; Linux answers on all of 127.0.0.0/8, so 127.0.0.2 stands for a stranger).
 */
@TanfangTest
class FastAgiAllowListTest {
  private static final String ENVIRONMENT =
      "agi_network: yes\nagi_network_script: checkin\nagi_request: agi://127.0.0.1/checkin\n"
          + "agi_channel: PJSIP/trunk-00000001\nagi_language: cmn\nagi_uniqueid: x\n\n";

  @Autowired FastAgiServer agi;

  private String firstCommandFrom(String localAddress) throws Exception {
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(10_000);
      socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", agi.port()), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(ENVIRONMENT.getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      try {
        return in.readLine();
      } catch (java.net.SocketException reset) {
        return null; // closed on us
      }
    }
  }

  @Test
  void givenAnAllowedPbx_whenItConnects_thenTheScriptRuns() throws Exception {
    assertThat(firstCommandFrom("127.0.0.1")).isEqualTo("GET VARIABLE \"TANFANG_ATTEMPT_ID\"");
  }

  @Test
  void givenAnUnlistedAddress_whenItConnects_thenTheConnectionIsClosedUnserved() throws Exception {
    assertThat(firstCommandFrom("127.0.0.2")).isNull();
  }
}
