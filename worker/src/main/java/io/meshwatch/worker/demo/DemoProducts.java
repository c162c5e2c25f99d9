package io.meshwatch.worker.demo;

import io.meshwatch.activities.store.ApplyResult;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import io.meshwatch.worker.spec.SpecLoader;
import io.meshwatch.worker.spec.SpecResult;
import io.meshwatch.workflows.monitor.ProductStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The demo's product specs (classpath {@code demo/*.yaml}) and their registration. */
public final class DemoProducts {

  public static final List<String> SPECS = List.of("orders-daily.yaml", "payments-settled.yaml", "shipments-events.yaml");

  private DemoProducts() {}

  public static List<ApplyResult> registerAll(MeshwatchRuntime runtime) {
    List<ApplyResult> applied = new ArrayList<>();
    for (DemoSpec demo : load(runtime.specLoader())) {
      applied.add(runtime.registrar().register(demo.spec(), demo.text(), "demo"));
    }
    return applied;
  }

  /** The demo specs, loaded and validated as {@code meshwatch apply} would. */
  public static List<DemoSpec> load(SpecLoader loader) {
    List<DemoSpec> specs = new ArrayList<>();
    for (String name : SPECS) {
      String text = read(name);
      SpecResult result = loader.load("demo/" + name, text);
      if (!(result instanceof SpecResult.Valid valid)) {
        throw new IllegalStateException("demo spec " + name + " is invalid: " + result.report());
      }
      specs.add(new DemoSpec(name, valid.spec(), text));
    }
    return specs;
  }

  /**
   * Waits until every registered product's monitor has completed a cycle, and every incident it
   * opened has posted its opening (incidents run beside their monitor); false on timeout.
   */
  public static boolean awaitFirstCycles(MeshwatchRuntime runtime, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Map<String, ProductStatus> statuses = runtime.statuses();
      int active = runtime.directory().active().size();
      if (statuses.size() == active && statuses.values().stream().allMatch(s -> s.cycles() >= 1 && openingPosted(runtime, s))) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private static boolean openingPosted(MeshwatchRuntime runtime, ProductStatus status) {
    return status.incidentId() == null || runtime.incident(status.incidentId()).map(i -> i.message() != null).orElse(false);
  }

  public static String read(String name) {
    try (InputStream in = DemoProducts.class.getResourceAsStream("/demo/" + name)) {
      if (in == null) {
        throw new IllegalStateException("demo spec missing from the classpath: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
