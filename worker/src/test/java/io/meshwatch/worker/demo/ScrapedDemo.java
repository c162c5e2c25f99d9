package io.meshwatch.worker.demo;

import com.sun.net.httpserver.HttpServer;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.metrics.Exposition;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The demo on embedded defaults with its three products registered, and beside the console a
 * webhook that answers 503 to its first {@code webhookFailures} requests — so a scrape holds every
 * kind of series a worker exports: products, open incidents, notifications sent and failed, failed
 * activities and Temporal's worker metrics. For tests outside this package that read /metrics.
 */
public final class ScrapedDemo implements AutoCloseable {

  private final HttpServer webhook;
  private final MeshwatchRuntime runtime;
  private final WorkerConfig config;
  private final HttpClient http = HttpClient.newHttpClient();

  private ScrapedDemo(HttpServer webhook, MeshwatchRuntime runtime, WorkerConfig config) {
    this.webhook = webhook;
    this.runtime = runtime;
    this.config = config;
  }

  public static ScrapedDemo start(Path work, int webhookFailures) throws Exception {
    HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger requests = new AtomicInteger();
    webhook.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(requests.incrementAndGet() <= webhookFailures ? 503 : 204, -1);
      exchange.close();
    });
    webhook.start();
    try {
      PrintStream alerts = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      ConfigLoader loader = ConfigLoader.fromEnvironment();
      Path warehouse = DemoWarehouse.generate(work.resolve("warehouse"), Instant.now());
      WorkerConfig demo = Demo.config(loader.defaults(), warehouse, 0, Duration.ofMinutes(1));
      WorkerConfig config = new WorkerConfig(demo.temporal(), demo.store(), demo.warehouses(), demo.teams(), demo.http(),
          demo.monitor(),
          new WorkerConfig.Alerts(true, new WorkerConfig.Webhook(
              "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook", null, null)),
          demo.slack(), demo.links(), demo.escalation());
      MeshwatchRuntime runtime = MeshwatchRuntime.start(config, loader, work, alerts);
      DemoProducts.registerAll(runtime);
      return new ScrapedDemo(webhook, runtime, config);
    } catch (Exception | Error e) {
      webhook.stop(0);
      throw e;
    }
  }

  public int httpPort() {
    return runtime.httpPort();
  }

  public WorkerConfig config() {
    return config;
  }

  public Exposition scrape() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /metrics answered " + response.statusCode());
    }
    return Exposition.parse(response.body());
  }

  /** Scrapes until {@code ready} holds or {@code timeout} passes; returns the last scrape either way. */
  public Exposition scrapeUntil(Predicate<Exposition> ready, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Exposition last = scrape();
    while (!ready.test(last) && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      last = scrape();
    }
    return last;
  }

  @Override
  public void close() {
    try {
      runtime.close();
    } finally {
      webhook.stop(0);
    }
  }
}
