package org.tanfang.asterisksim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare AMI client for checking exact wire texts. */
final class RawAmiClient implements AutoCloseable {

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;
  final String banner;

  RawAmiClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    out = socket.getOutputStream();
    banner = in.readLine();
  }

  void send(String... headers) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The next packet, or null when the server closed the connection. */
  AmiMessage read() throws IOException {
    return AmiMessage.read(in);
  }

  /** Skips events until a packet with a Response header arrives. */
  AmiMessage response() throws IOException {
    AmiMessage m;
    while ((m = read()) != null && (m.get("Event") != null || m.get("Response") == null)) {
      // events interleave with responses
    }
    return m;
  }

  /** Skips packets until the named event arrives. */
  AmiMessage event(String name) throws IOException {
    AmiMessage m;
    while ((m = read()) != null && !name.equals(m.get("Event"))) {
      // not the one we want yet
    }
    return m;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
