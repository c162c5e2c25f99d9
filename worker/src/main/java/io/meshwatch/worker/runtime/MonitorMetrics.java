package io.meshwatch.worker.runtime;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Product metrics, fed by every recorded cycle (DESIGN §9). Labels are product, domain, owner and
 * check kind — never values. Names render in Prometheus as {@code meshwatch_...} with units and
 * {@code _total}.
 */
public final class MonitorMetrics {

  /** Upper bounds of the evaluation duration histogram's buckets. */
  static final Duration[] EVALUATION_BUCKETS = Stream.of(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)
      .map(seconds -> Duration.ofMillis(Math.round(seconds * 1000))).toArray(Duration[]::new);

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<ProductId, ProductGauges> products = new ConcurrentHashMap<>();

  public MonitorMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    // Present at zero from the start, so a rule on their increase sees the first failure.
    Stream.of("cycle", "incident").forEach(operation -> storeWriteFailures(operation));
  }

  /** Live values of one product, read by its gauges at scrape time. */
  private static final class ProductGauges {
    volatile Instant lastUpdated;
    volatile double onTime = Double.NaN;
    volatile double qualityScore = Double.NaN;
    volatile ProductState state = ProductState.UNKNOWN;
  }

  /**
   * A write to meshwatch's store that failed and will be retried by the workflow that asked for it
   * ({@code operation}: {@code cycle} or {@code incident}): while the store is down this climbs and
   * {@code meshwatch_cycles_total} stands still, which is how an outage shows (docs/reliability.md).
   */
  public void onStoreWriteFailure(String operation) {
    storeWriteFailures(operation).increment();
  }

  private Counter storeWriteFailures(String operation) {
    return Counter.builder("meshwatch.store.write.failures").description("Writes to meshwatch's store that failed (each is retried)")
        .tags("operation", operation).register(registry);
  }

  public void onCycle(RecordCycleInput cycle, java.util.function.Function<ProductId, String> ownerOf) {
    ProductGauges gauges = products.computeIfAbsent(cycle.product(), id -> register(id, ownerOf.apply(id)));
    if (cycle.freshness() != null) {
      if (cycle.freshness().lastUpdated() != null) {
        gauges.lastUpdated = cycle.freshness().lastUpdated();
      }
      gauges.onTime = switch (cycle.freshness().outcome()) {
        case PASS -> 1;
        case FAIL -> 0;
        case WARN, ERROR, NOT_EVALUATED -> Double.NaN;
      };
    }
    gauges.state = cycle.state();
    String domain = cycle.product().domain();
    String product = cycle.product().toString();
    // Every recorded cycle, probe-only or not: the sign that the monitors run at all. Evaluations
    // (scans) happen only when data changed, so a quiet mesh has none for hours.
    Counter.builder("meshwatch.cycles").description("Monitoring cycles recorded (a probe, with an evaluation when data changed)")
        .tags("product", product, "domain", domain).register(registry).increment();
    if (!cycle.evaluated()) {
      return;
    }
    int measured = 0;
    int passed = 0;
    for (CheckResult result : cycle.results()) {
      Counter.builder("meshwatch.check.outcomes")
          .description("Check results by kind and outcome")
          .tags("product", product, "domain", domain, "check_kind", result.kind().label(),
              "outcome", result.outcome().name().toLowerCase(Locale.ROOT))
          .register(registry)
          .increment();
      if (result.outcome().measured()) {
        measured++;
        if (result.outcome() == io.meshwatch.workflows.model.Outcome.PASS) {
          passed++;
        }
      }
    }
    if (measured > 0) {
      gauges.qualityScore = 100.0 * passed / measured;
    }
    Counter.builder("meshwatch.evaluations").description("Evaluations (scans) run")
        .tags("product", product, "domain", domain).register(registry).increment();
    Counter.builder("meshwatch.warehouse.queries").description("Warehouse statements issued by evaluations")
        .tags("product", product, "domain", domain).register(registry).increment(cycle.queries());
    Counter.builder("meshwatch.warehouse.scans").description("Warehouse statements that read table data (one per evaluation)")
        .tags("product", product, "domain", domain).register(registry).increment(cycle.scans());
    // Bytes are what BigQuery bills by: the cost that leadership and the platform team watch per
    // product and domain. Warehouses that do not bill by scan report zero.
    Counter.builder("meshwatch.warehouse.bytes").description("Bytes billed for evaluations' warehouse statements")
        .baseUnit("bytes").tags("product", product, "domain", domain).register(registry).increment(cycle.bytesBilled());
    // The unit goes last before _total (meshwatch_warehouse_processed_bytes_total), as Prometheus names it.
    Counter.builder("meshwatch.warehouse.processed").description("Bytes processed by evaluations' warehouse statements")
        .baseUnit("bytes").tags("product", product, "domain", domain).register(registry).increment(cycle.bytesProcessed());
    Counter.builder("meshwatch.warehouse.rows.scanned").description("Rows scanned by evaluations")
        .tags("product", product, "domain", domain).register(registry).increment(cycle.rowsScanned());
    // Fixed buckets, so quantiles aggregate across products and workers (histogram_quantile over
    // sum by (le)); they span a 10 ms DuckDB scan to a warehouse query at its 10-minute timeout.
    Timer.builder("meshwatch.evaluation.duration").description("Wall time of an evaluation")
        .serviceLevelObjectives(EVALUATION_BUCKETS)
        .tags("product", product, "domain", domain).register(registry).record(Duration.ofMillis(cycle.durationMillis()));
  }

  private ProductGauges register(ProductId id, String owner) {
    ProductGauges gauges = new ProductGauges();
    String product = id.toString();
    Gauge.builder("meshwatch.product.data.age", gauges, g -> g.lastUpdated == null
            ? Double.NaN
            : Duration.between(g.lastUpdated, clock.instant()).toMillis() / 1000.0)
        .description("Age of the newest data").baseUnit("seconds")
        .tags("product", product, "domain", id.domain(), "owner", owner).register(registry);
    Gauge.builder("meshwatch.product.on.time", gauges, g -> g.onTime)
        .description("1 when the product is on time, 0 when late")
        .tags("product", product, "domain", id.domain(), "owner", owner).register(registry);
    Gauge.builder("meshwatch.product.quality.score", gauges, g -> g.qualityScore)
        .description("Share of measured checks that passed in the latest evaluation, 0-100")
        .tags("product", product, "domain", id.domain(), "owner", owner).register(registry);
    for (ProductState state : ProductState.values()) {
      Gauge.builder("meshwatch.product.state", gauges, g -> g.state == state ? 1 : 0)
          .description("1 for the product's current state")
          .tags("product", product, "domain", id.domain(), "owner", owner, "state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    return gauges;
  }

  public MeterRegistry registry() {
    return registry;
  }
}
