package io.meshwatch.worker.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The alert sink of the scale benchmark: a local endpoint for the worker's webhook delivery
 * ({@code alerts.webhook.url}) that notes when the first incident message of each product arrived.
 */
final class AlertReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Instant> firstAlert = new ConcurrentHashMap<>();

  private AlertReceiver(HttpServer server) {
    this.server = server;
  }

  static AlertReceiver start(Clock clock) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AlertReceiver receiver = new AlertReceiver(server);
    server.createContext("/alerts", exchange -> {
      Instant at = clock.instant();
      try (InputStream body = exchange.getRequestBody()) {
        JsonNode message = JSON.readTree(body);
        String product = message.path("incident").path("product").path("id").asText("");
        if (!product.isEmpty()) {
          receiver.firstAlert.putIfAbsent(product, at);
        }
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return receiver;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
  }

  /** When each product's first alert arrived, by product id ({@code domain/name}). */
  Map<String, Instant> firstAlerts() {
    return Map.copyOf(firstAlert);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
