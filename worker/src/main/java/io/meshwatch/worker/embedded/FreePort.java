package io.meshwatch.worker.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Finds a free local port for an embedded service when config asks for port 0. */
public final class FreePort {

  private FreePort() {}

  public static int pick(int configured) {
    if (configured != 0) {
      return configured;
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
