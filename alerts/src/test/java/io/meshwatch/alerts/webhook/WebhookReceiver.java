package io.meshwatch.alerts.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A local webhook receiver for tests: records every POST and answers 204, or the statuses queued. */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  public record Received(Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
          .findFirst().orElse(null);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();

  private WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/hooks/meshwatch", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status;
        synchronized (received) {
          received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
          status = statuses.isEmpty() ? 204 : statuses.poll();
        }
        exchange.sendResponseHeaders(status, -1);
      }
    });
    server.start();
  }

  public static WebhookReceiver start() throws IOException {
    return new WebhookReceiver();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/meshwatch";
  }

  /** The next request is answered with {@code status}. */
  public void answerNext(int status) {
    synchronized (received) {
      statuses.add(status);
    }
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  public List<String> bodies() {
    return received().stream().map(Received::text).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
