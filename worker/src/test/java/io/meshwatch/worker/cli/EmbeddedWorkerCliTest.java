package io.meshwatch.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.demo.Demo;
import io.meshwatch.worker.demo.DemoProducts;
import io.meshwatch.worker.demo.DemoWarehouse;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform team's commands against a whole worker on embedded defaults (Temporal's server
 * in-process, embedded PostgreSQL, the demo's DuckDB warehouse) with nothing registered: the specs
 * arrive only through {@code meshwatch apply}, their monitors then run real cycles, and a breaking
 * change is caught by {@code meshwatch diff} before it is applied.
 */
class EmbeddedWorkerCliTest {

  static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Test
  void applyAFolderTwiceThenStatusAndABreakingDiff(@TempDir Path work) throws Exception {
    ConfigLoader loader = ConfigLoader.fromEnvironment();
    Path warehouse = DemoWarehouse.generate(work.resolve("warehouse"), Instant.now());
    PrintStream alerts = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (MeshwatchRuntime runtime = MeshwatchRuntime.start(
        Demo.config(loader.defaults(), warehouse, 0, Duration.ofMinutes(1)), loader, work, alerts)) {
      String api = "http://127.0.0.1:" + runtime.httpPort();
      Path specs = Files.createDirectories(work.resolve("specs"));
      for (String name : DemoProducts.SPECS) {
        Files.writeString(specs.resolve(name), DemoProducts.read(name));
      }

      Cli first = Cli.run(new ApplyCommand(Map.of()), "-f", specs.toString(), "--api", api);
      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out()).contains("orders/orders-daily created (version 1)", "payments/payments-settled created (version 1)",
          "shipments/shipments-events created (version 1)", "3 of 3 applied");

      Cli second = Cli.run(new ApplyCommand(Map.of()), "-f", specs.toString(), "--api", api);
      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.out()).contains("orders/orders-daily unchanged (version 1)", "payments/payments-settled unchanged (version 1)",
          "shipments/shipments-events unchanged (version 1)");
      assertThat(runtime.store().registry().findActive()).hasSize(3);

      // The monitors that apply started are real: each product reaches its first evaluated state.
      assertThat(DemoProducts.awaitFirstCycles(runtime, TIMEOUT)).isTrue();
      Cli status = Cli.run(new StatusCommand(Map.of(), Clock.systemUTC()), "--api", api, "-o", "json");
      assertThat(status.exit()).as(status.err()).isZero();
      JsonNode products = new ObjectMapper().readTree(status.out());
      assertThat(products.findValuesAsText("product")).containsExactlyInAnyOrder(
          "orders/orders-daily", "payments/payments-settled", "shipments/shipments-events");
      assertThat(status.out()).contains("HEALTHY", "LATE", "FAILING");

      // Dropping a column consumers read is breaking: exit 3, the consumers named, nothing applied.
      Path changed = work.resolve("orders-without-customer.yaml");
      Files.writeString(changed, DemoProducts.read("orders-daily.yaml").replace("""
              - name: customer_id
                type: string
                nullable: false
                pii: true
                pii_handling: hashed
          """, ""));
      Cli diff = Cli.run(new DiffCommand(Map.of()), "-f", changed.toString(), "--api", api);
      assertThat(diff.exit()).as(diff.out() + diff.err()).isEqualTo(3);
      assertThat(diff.out()).contains("customer_id", "finance", "ml-platform");
      assertThat(runtime.store().registry().versions(new io.meshwatch.workflows.model.ProductId("orders", "orders-daily"))).hasSize(1);
    }
  }
}
