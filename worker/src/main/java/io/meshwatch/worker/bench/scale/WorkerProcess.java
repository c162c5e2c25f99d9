package io.meshwatch.worker.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The worker under measurement, in a JVM of its own ({@link ScaleWorkerMain} on this process's class
 * path, capped at the given heap and processor count), so its heap, threads and CPU are its alone.
 * Read through its {@code /metrics}, the JDK's {@code jcmd} (a full GC before heap is read) and the
 * operating system's CPU time of the process.
 */
final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final int httpPort;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private WorkerProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  /** Starts the worker and waits until it serves. */
  static WorkerProcess start(Path config, Path workDir, ScaleOptions options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(javaTool("java"),
        "-Xmx" + options.workerHeapMb() + "m",
        "-XX:ActiveProcessorCount=" + options.workerCores(),
        "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        ScaleWorkerMain.class.getName(),
        config.toString(), workDir.toString(),
        Long.toString(options.warehouseLatency().toMillis()), Long.toString(options.pollInterval().toMillis())));
    Path log = workDir.resolve("worker.log");
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith(ScaleWorkerMain.READY)) {
            ready.complete(Integer.parseInt(line.substring(ScaleWorkerMain.READY.length()).trim()));
          }
        }
      } catch (IOException | RuntimeException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IOException("the worker exited before it served"));
    });
    try {
      return new WorkerProcess(process, ready.get(3, TimeUnit.MINUTES), log);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("the worker process did not start: " + e.getMessage() + "; its log: " + tail(log), e);
    }
  }

  private static String javaTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable)";
    }
  }

  int httpPort() {
    return httpPort;
  }

  /** A scrape of the worker's {@code /metrics}. */
  MetricsText metrics() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("/metrics answered " + response.statusCode());
    }
    return MetricsText.parse(response.body());
  }

  /** Heap in use right after a full collection, in bytes. */
  double heapAfterGc() throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(javaTool("jcmd"), Long.toString(process.pid()), "GC.run")
        .redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (jcmd.waitFor() != 0) {
      throw new IOException("jcmd GC.run failed: " + output.strip());
    }
    return metrics().sum("jvm_memory_used_bytes");
  }

  /** CPU time the worker process has used so far (all its threads, user and system). */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElseThrow(
        () -> new IllegalStateException("the operating system does not report the worker's CPU time"));
  }

  /** Registers one spec through the worker's API, as {@code meshwatch apply} does. */
  void apply(String specYaml) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/products"))
        .timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(specYaml)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("PUT /api/products answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Ends the worker: closing its input asks it to stop; it is killed if it has not within a minute. */
  @Override
  public void close() throws InterruptedException {
    try (PrintWriter in = new PrintWriter(process.getOutputStream())) {
      in.flush();
    }
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  Path log() {
    return log;
  }
}
