package io.meshwatch.worker.drills;

import static io.meshwatch.worker.drills.Drill.await;
import static io.meshwatch.worker.drills.Drill.openings;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.meshwatch.activities.store.StoredIncident;
import io.meshwatch.alerts.slack.LocalSlackServer;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.embedded.FreePort;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import io.meshwatch.worker.runtime.MeteredStoreActivities;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.monitor.ProductStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Drill: meshwatch's own PostgreSQL store goes down under a running worker, for real — the server is
 * stopped — for {@link #OUTAGE} while three products keep being evaluated, then comes back on the
 * same port with the same data. Every product's data changes on every poll, so every cycle scans
 * and leaves one evaluation row: the store's rows can be counted against the monitors' own count.
 * During the outage the monitors keep cycling, the failed writes show in
 * {@code meshwatch_store_write_failures_total{operation="cycle"}} and in a WARN line, and one
 * product's data turns bad: its monitor opens the incident without the store, but the Slack
 * opening waits (deliveries go through the outbox, a store table). Afterwards every cycle is in
 * the store exactly once with all its check results, and the incident is announced in Slack
 * exactly once.
 */
class StoreOutageDrillIT {

  /** "A few minutes" of store outage, shortened for CI; longer than the store activity's one-minute retry backoff. */
  private static final Duration OUTAGE = Duration.ofSeconds(90);
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final Duration POLL = Duration.ofSeconds(3);
  private static final String PLATFORM = "C0PLATFRM1";
  private static final String OPS = "C0OPSTEAM1";
  private static final List<String> STEADY = List.of("steady-events", "steady-visits");
  private static final String TURNING = "turning-parcels";
  private static final Pattern CYCLE_FAILURES =
      Pattern.compile("(?m)^meshwatch_store_write_failures_total\\{[^}]*operation=\"cycle\"[^}]*\\}\\s+(\\S+)");

  @Test
  void aStoreOutageLosesNoCycleAndShowsInMetricsAndLogs(@TempDir Path work) throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    int port = FreePort.pick(0);
    Path storeData = work.resolve("store-postgres");
    EmbeddedPostgres store = Drill.startPostgres(storeData, port);
    try (LocalSlackServer slack = LocalSlackServer.start(Drill.TOKEN)) {
      slack.addChannel(PLATFORM, "data-platform").addChannel(OPS, "ops-alerts");
      Path warehouse = work.resolve("warehouse.duckdb");
      Path parcels = work.resolve("parcels.csv");
      writeParcels(parcels, false);
      // Views stamped with now(): the data version changes on every probe, so every cycle scans.
      for (String name : STEADY) {
        Drill.duckdb(warehouse, "CREATE VIEW " + table(name) + " AS SELECT 'e-' || i AS event_id, now()::TIMESTAMP AS loaded_at"
            + " FROM range(50) t(i)");
      }
      Drill.duckdb(warehouse, "CREATE VIEW " + table(TURNING) + " AS SELECT event_id, now()::TIMESTAMP AS loaded_at"
          + " FROM read_csv('" + parcels.toAbsolutePath() + "', header = true, columns = {'event_id': 'VARCHAR'})");

      ConfigLoader loader = new ConfigLoader(Map.of("DRILL_SLACK_TOKEN", Drill.TOKEN, "DRILL_SLACK_SECRET", Drill.SIGNING_SECRET,
          "DRILL_STORE_PASSWORD", "postgres"));
      WorkerConfig config = config(loader.defaults(), store.getJdbcUrl("postgres", "postgres"), warehouse, slack.apiBaseUrl());
      ByteArrayOutputStream console = new ByteArrayOutputStream();

      try (MeshwatchRuntime runtime = MeshwatchRuntime.start(config, loader, work,
          new PrintStream(console, true, StandardCharsets.UTF_8))) {
        for (String name : all()) {
          Drill.register(runtime, name, spec(name));
        }
        String jdbcUrl = store.getJdbcUrl("postgres", "postgres");
        for (String name : all()) {
          awaitStatus(runtime, name, s -> s.state() == ProductState.HEALTHY && s.cycles() >= 2);
          await("recorded cycles of " + name, TIMEOUT, () -> evaluations(jdbcUrl, name) >= 2 ? true : null);
        }
        assertThat(failures(runtime)).as("store write failures before the outage").isZero();

        // The store goes away: connections refused, pooled ones broken.
        store.close();
        Instant down = Instant.now();
        Map<String, Long> atStop = new HashMap<>();
        for (String name : all()) {
          atStop.put(name, status(runtime, name).cycles());
        }
        writeParcels(parcels, true);

        // The monitors keep cycling without the store.
        for (String name : all()) {
          awaitStatus(runtime, name, s -> s.cycles() >= atStop.get(name) + 5);
        }
        // The bad data is seen and the incident opened with the store still down.
        ProductStatus failing = awaitStatus(runtime, TURNING, s -> s.state() == ProductState.FAILING && s.breachOpen());
        assertThat(failing.incidentId()).isNotNull();
        // Failed writes are counted and logged, while the store is still down.
        double counted = await("meshwatch_store_write_failures_total{operation=\"cycle\"} > 0", TIMEOUT,
            () -> failures(runtime) > 0 ? failures(runtime) : null);
        assertThat(counted).isPositive();
        ILoggingEvent warning = await("the WARN line of a failed store write", TIMEOUT, () -> logs.list.stream()
            .filter(e -> e.getLevel() == Level.WARN && MeteredStoreActivities.class.getName().equals(e.getLoggerName()))
            .filter(e -> e.getFormattedMessage().startsWith("store write failed, the workflow retries it: "))
            .findFirst().orElse(null));
        assertThat(warning.getFormattedMessage()).contains("cycles of ops/");
        Duration left = OUTAGE.minus(Duration.between(down, Instant.now()));
        if (!left.isNegative()) {
          Thread.sleep(left.toMillis());
        }
        for (String name : STEADY) {
          assertThat(status(runtime, name).state()).as(name).isEqualTo(ProductState.HEALTHY);
        }
        // Deliveries go through the outbox, a table in the store: the opening waits for the store.
        long slackOpeningsDuringOutage = slack.messages(OPS).stream().filter(LocalSlackServer.StoredMessage::topLevel).count();
        assertThat(slackOpeningsDuringOutage).as("Slack openings while the store is down").isZero();
        Map<String, Long> beforeRestart = new HashMap<>();
        for (String name : all()) {
          beforeRestart.put(name, status(runtime, name).cycles());
        }

        // The store comes back on the same port with the same data.
        store = Drill.startPostgres(storeData, port);
        Instant up = Instant.now();

        // Every cycle, including those run in the dark, lands once: the store's rows up to the
        // monitor's last cycle are as many as the cycles it counted, each with all its check results.
        for (String name : all()) {
          ProductId id = id(name);
          long[] seen = new long[2];
          await("every cycle of " + name + " in the store", TIMEOUT, () -> {
            ProductStatus s = status(runtime, name);
            long rows = evaluationsUpTo(jdbcUrl, name, s.lastCycleAt());
            seen[0] = s.cycles();
            seen[1] = rows;
            return s.cycles() > beforeRestart.get(name) && rows == s.cycles() && s.evaluations() == s.cycles() ? true : null;
          });
          assertThat(seen[1]).as("cycles of %s in the store", id).isEqualTo(seen[0]);
          assertNoDuplicateAndComplete(jdbcUrl, name);
        }

        // The incident: in the store once, announced in the owners' channel once.
        StoredIncident incident = await("the incident of " + TURNING + " in the store", TIMEOUT,
            () -> runtime.store().incidents().findByProduct(id(TURNING)).stream().findFirst().orElse(null));
        assertThat(incident.id()).isEqualTo(failing.incidentId());
        assertThat(runtime.store().incidents().findByProduct(id(TURNING))).hasSize(1);
        await("the incident's opening in the owners' channel", TIMEOUT,
            () -> openings(slack, OPS, incident.id()).isEmpty() ? null : true);
        assertThat(openings(slack, OPS, incident.id())).hasSize(1);
        assertThat(slack.messages(OPS).stream().filter(LocalSlackServer.StoredMessage::topLevel)).hasSize(1);
        for (String name : STEADY) {
          assertThat(runtime.store().incidents().findByProduct(id(name))).as("incidents of %s", name).isEmpty();
        }
        System.out.printf("store outage drill: down %s, %d cycle write failures counted, Slack openings during outage %d,"
                + " all cycles recorded %s after restart%n",
            Duration.between(down, up), (long) failures(runtime), slackOpeningsDuringOutage, Duration.between(up, Instant.now()));
      }
    } finally {
      root.detachAppender(logs);
      store.close();
    }
  }

  /** Every evaluated cycle has the same full set of check results, and no result exists without its evaluation. */
  private static void assertNoDuplicateAndComplete(String jdbcUrl, String name) throws Exception {
    String product = id(name).toString();
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      List<Long> perCycle = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT e.scheduled_at, count(r.check_id), count(DISTINCT r.check_id)"
          + " FROM meshwatch.evaluations e LEFT JOIN meshwatch.check_results r"
          + " ON r.product_id = e.product_id AND r.scheduled_at = e.scheduled_at"
          + " WHERE e.product_id = ? GROUP BY e.scheduled_at")) {
        s.setString(1, product);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            assertThat(rs.getLong(2)).as("results of %s at %s, distinct checks", product, rs.getTimestamp(1)).isEqualTo(rs.getLong(3));
            perCycle.add(rs.getLong(2));
          }
        }
      }
      assertThat(perCycle).isNotEmpty();
      assertThat(perCycle.stream().distinct().toList()).as("check results per cycle of %s", product).hasSize(1);
      assertThat(perCycle.get(0)).isGreaterThanOrEqualTo(2);
      try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM meshwatch.check_results r WHERE r.product_id = ?"
          + " AND NOT EXISTS (SELECT 1 FROM meshwatch.evaluations e WHERE e.product_id = r.product_id AND e.scheduled_at = r.scheduled_at)")) {
        s.setString(1, product);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).as("results of %s outside an evaluated cycle", product).isZero();
        }
      }
    }
  }

  private static long evaluations(String jdbcUrl, String name) {
    return evaluationsUpTo(jdbcUrl, name, Instant.parse("9999-01-01T00:00:00Z"));
  }

  private static long evaluationsUpTo(String jdbcUrl, String name, Instant last) {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement(
            "SELECT count(*) FROM meshwatch.evaluations WHERE product_id = ? AND scheduled_at <= ?")) {
      s.setString(1, id(name).toString());
      s.setObject(2, java.time.OffsetDateTime.ofInstant(last, java.time.ZoneOffset.UTC));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("counting recorded cycles of " + name, e);
    }
  }

  /** The cycle write failures /metrics reports; 0 when the counter has not appeared yet. */
  private static double failures(MeshwatchRuntime runtime) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + "/metrics")).timeout(Duration.ofMinutes(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      Matcher m = CYCLE_FAILURES.matcher(response.body());
      return m.find() ? Double.parseDouble(m.group(1)) : 0;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void writeParcels(Path file, boolean withNulls) throws Exception {
    StringBuilder csv = new StringBuilder("event_id\n");
    for (int i = 0; i < 50; i++) {
      csv.append(withNulls && i % 10 == 0 ? "" : "p-" + i).append('\n');
    }
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, csv);
    // Replaced at once: a probe never reads half a file.
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }


  private static WorkerConfig config(WorkerConfig defaults, String storeUrl, Path warehouse, String slackApi) {
    return new WorkerConfig(
        new WorkerConfig.Temporal("embedded", defaults.temporal().namespace(), "meshwatch-store-drill", 0,
            defaults.temporal().tls()),
        new WorkerConfig.Store(storeUrl, "postgres", "DRILL_STORE_PASSWORD", null, null),
        Map.of("wh", new WorkerConfig.Warehouse("duckdb", "jdbc:duckdb:" + warehouse.toAbsolutePath(), null, null, null,
            Duration.ofSeconds(30), Map.of())),
        Map.of("ops-team", new WorkerConfig.Team(OPS, List.of(), false)),
        new WorkerConfig.Http(0, Map.of()),
        new WorkerConfig.Monitor(POLL, 0),
        new WorkerConfig.Alerts(true, null),
        new WorkerConfig.Slack("DRILL_SLACK_TOKEN", null, "DRILL_SLACK_SECRET", null, slackApi, PLATFORM, 5, Duration.ofMinutes(1)),
        defaults.links(),
        defaults.escalation());
  }

  private static String spec(String name) {
    return Drill.dailySpec(name, "duckdb", "wh", "main", table(name));
  }

  private static List<String> all() {
    List<String> all = new ArrayList<>(STEADY);
    all.add(TURNING);
    return all;
  }

  private static String table(String name) {
    return name.replace('-', '_');
  }

  private static ProductId id(String name) {
    return new ProductId("ops", name);
  }

  private static ProductStatus status(MeshwatchRuntime runtime, String name) {
    return runtime.directory().status(id(name)).orElseThrow();
  }

  private static ProductStatus awaitStatus(MeshwatchRuntime runtime, String name, Predicate<ProductStatus> condition)
      throws InterruptedException {
    return await("status of ops/" + name, TIMEOUT,
        () -> runtime.directory().status(id(name)).filter(condition).orElse(null));
  }
}
