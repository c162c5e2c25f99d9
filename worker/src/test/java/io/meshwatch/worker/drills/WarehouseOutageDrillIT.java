package io.meshwatch.worker.drills;

import static io.meshwatch.worker.drills.Drill.await;
import static io.meshwatch.worker.drills.Drill.openings;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.store.IncidentStore;
import io.meshwatch.activities.store.StoredIncident;
import io.meshwatch.alerts.slack.LocalSlackServer;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.embedded.FreePort;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.monitor.ProductStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill: a warehouse connection goes down under a running worker, for real — the PostgreSQL server
 * behind it is stopped — and comes back on the same port with the same data. Three products read
 * that connection, two read a healthy DuckDB connection. The products on the dead connection go
 * ERROR, the others stay HEALTHY; the outage makes exactly one source-unavailable incident with one
 * Slack message in the platform channel, however many monitors report it and however many cycles
 * they run meanwhile; no product incident opens (nothing was measured to fail). When the server is
 * back the products return to HEALTHY and the source incident resolves.
 */
class WarehouseOutageDrillIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final String PLATFORM = "C0PLATFRM1";
  private static final String OPS = "C0OPSTEAM1";
  private static final List<String> ON_FLAKY = List.of("flaky-orders", "flaky-refunds", "flaky-returns");
  private static final List<String> ON_STEADY = List.of("steady-events", "steady-visits");
  private static final ProductId SOURCE = new ProductId("source", "flaky");

  @Test
  void aDownConnectionGivesOneSourceIncidentNoStormAndRecoveryClearsIt(@TempDir Path work) throws Exception {
    int port = FreePort.pick(0);
    Path flakyData = work.resolve("flaky-warehouse");
    EmbeddedPostgres flaky = Drill.startPostgres(flakyData, port);
    Path steadyFile = work.resolve("steady.duckdb");
    try (LocalSlackServer slack = LocalSlackServer.start(Drill.TOKEN)) {
      slack.addChannel(PLATFORM, "data-platform").addChannel(OPS, "ops-alerts");
      for (String table : tables(ON_FLAKY)) {
        Drill.sql(flaky, "CREATE TABLE " + table + " (event_id text NOT NULL, loaded_at timestamptz NOT NULL)");
        Drill.sql(flaky, "INSERT INTO " + table + " SELECT 'e-' || i, now() FROM generate_series(1, 50) i");
      }
      for (String table : tables(ON_STEADY)) {
        Drill.duckdb(steadyFile, "CREATE TABLE " + table + " AS SELECT 'e-' || i AS event_id, now()::TIMESTAMP AS loaded_at"
            + " FROM range(50) t(i)");
      }
      ConfigLoader loader = new ConfigLoader(Map.of("DRILL_SLACK_TOKEN", Drill.TOKEN, "DRILL_SLACK_SECRET", Drill.SIGNING_SECRET));
      WorkerConfig config = config(loader.defaults(), flaky.getJdbcUrl("postgres", "postgres"), steadyFile, slack.apiBaseUrl());
      ByteArrayOutputStream console = new ByteArrayOutputStream();

      try (MeshwatchRuntime runtime = MeshwatchRuntime.start(config, loader, work,
          new PrintStream(console, true, StandardCharsets.UTF_8))) {
        for (String name : ON_FLAKY) {
          Drill.register(runtime, name, spec(name, "postgres", "flaky", "public"));
        }
        for (String name : ON_STEADY) {
          Drill.register(runtime, name, spec(name, "duckdb", "steady", "main"));
        }
        for (String name : all()) {
          awaitStatus(runtime, name, s -> s.state() == ProductState.HEALTHY);
        }

        // The warehouse server goes away: connections refused, pooled ones broken.
        flaky.close();
        for (String name : ON_FLAKY) {
          awaitStatus(runtime, name, s -> s.state() == ProductState.ERROR);
        }
        IncidentStore incidents = runtime.store().incidents();
        StoredIncident source = await("the source-unavailable incident of connection flaky", TIMEOUT,
            () -> incidents.findOpen(SOURCE).orElse(null));
        assertThat(source.owner()).isEqualTo("platform");
        await("the source incident's opening in the platform channel", TIMEOUT,
            () -> openings(slack, PLATFORM, source.id()).isEmpty() ? null : true);
        // Every monitor on the connection reported it: the one incident lists all three products.
        StoredIncident listing = await("the source incident listing every product on flaky", TIMEOUT,
            () -> incidents.findIncident(source.id()).filter(i -> i.failing().size() == ON_FLAKY.size()).orElse(null));
        assertThat(listing.failing()).extracting(f -> f.result().checkId())
            .containsExactlyInAnyOrderElementsOf(ON_FLAKY.stream().map(n -> "source:ops/" + n).toList());

        // Let every monitor on the dead connection run several more cycles: still one incident, one message.
        long cycles = runtime.directory().status(id(ON_FLAKY.get(0))).orElseThrow().cycles();
        for (String name : ON_FLAKY) {
          awaitStatus(runtime, name, s -> s.cycles() >= cycles + 3 && s.state() == ProductState.ERROR);
        }
        for (String name : ON_STEADY) {
          assertThat(runtime.directory().status(id(name)).orElseThrow().state()).as(name).isEqualTo(ProductState.HEALTHY);
        }
        assertThat(incidents.findByProduct(SOURCE)).hasSize(1);
        assertThat(slack.messages(PLATFORM).stream().filter(LocalSlackServer.StoredMessage::topLevel)).hasSize(1);
        assertThat(openings(slack, PLATFORM, source.id())).hasSize(1);
        assertNoProductIncident(incidents, slack);

        // The server comes back on the same port with the same data.
        flaky = Drill.startPostgres(flakyData, port);
        for (String name : ON_FLAKY) {
          awaitStatus(runtime, name, s -> s.state() == ProductState.HEALTHY);
        }
        StoredIncident resolved = await("the source incident resolved", TIMEOUT,
            () -> incidents.findIncident(source.id()).filter(i -> i.state() == IncidentState.RESOLVED).orElse(null));
        assertThat(resolved.resolvedAt()).isNotNull();
        assertThat(incidents.findOpen(SOURCE)).isEmpty();
        String mainTs = openings(slack, PLATFORM, source.id()).get(0).ts();
        await("the source incident's message edited to resolved", TIMEOUT,
            () -> slack.calls("chat.update").stream().anyMatch(c -> mainTs.equals(c.params().get("ts"))) ? true : null);
        for (String name : ON_STEADY) {
          assertThat(runtime.directory().status(id(name)).orElseThrow().state()).as(name).isEqualTo(ProductState.HEALTHY);
        }
        assertThat(incidents.findByProduct(SOURCE)).hasSize(1);
        assertThat(slack.messages(PLATFORM).stream().filter(LocalSlackServer.StoredMessage::topLevel)).hasSize(1);
        assertNoProductIncident(incidents, slack);
      }
      assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("OPENED ops/");
    } finally {
      flaky.close();
    }
  }

  /** No product on either connection opened an incident: nothing in the store, nothing in the owners' channel. */
  private static void assertNoProductIncident(IncidentStore incidents, LocalSlackServer slack) {
    for (String name : all()) {
      assertThat(incidents.findByProduct(id(name))).as("incidents of %s", name).isEmpty();
    }
    assertThat(slack.messages(OPS)).isEmpty();
  }


  private static WorkerConfig config(WorkerConfig defaults, String flakyUrl, Path steadyFile, String slackApi) {
    return new WorkerConfig(
        new WorkerConfig.Temporal("embedded", defaults.temporal().namespace(), "meshwatch-outage-drill", 0,
            defaults.temporal().tls()),
        new WorkerConfig.Store("embedded", null, null, null, "store"),
        Map.of(
            "flaky", new WorkerConfig.Warehouse("postgres", flakyUrl, "postgres", null, null, Duration.ofSeconds(5), Map.of()),
            "steady", new WorkerConfig.Warehouse("duckdb", "jdbc:duckdb:" + steadyFile.toAbsolutePath(), null, null, null,
                Duration.ofSeconds(30), Map.of())),
        Map.of("ops-team", new WorkerConfig.Team(OPS, List.of(), false)),
        new WorkerConfig.Http(0, Map.of()),
        new WorkerConfig.Monitor(Duration.ofSeconds(3), 0),
        new WorkerConfig.Alerts(true, null),
        new WorkerConfig.Slack("DRILL_SLACK_TOKEN", null, "DRILL_SLACK_SECRET", null, slackApi, PLATFORM, 5, Duration.ofMinutes(1)),
        defaults.links(),
        defaults.escalation());
  }

  private static String spec(String name, String format, String connection, String schema) {
    return Drill.dailySpec(name, format, connection, schema, table(name));
  }

  private static List<String> all() {
    return java.util.stream.Stream.concat(ON_FLAKY.stream(), ON_STEADY.stream()).toList();
  }

  private static List<String> tables(List<String> names) {
    return names.stream().map(WarehouseOutageDrillIT::table).toList();
  }

  private static String table(String name) {
    return name.replace('-', '_');
  }

  private static ProductId id(String name) {
    return new ProductId("ops", name);
  }

  private static ProductStatus awaitStatus(MeshwatchRuntime runtime, String name, Predicate<ProductStatus> condition)
      throws InterruptedException {
    return await("status of ops/" + name, TIMEOUT,
        () -> runtime.directory().status(id(name)).filter(condition).orElse(null));
  }

}
