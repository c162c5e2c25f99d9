package io.meshwatch.worker.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.alerts.slack.LocalSlackServer;
import io.meshwatch.worker.embedded.FreePort;
import io.meshwatch.workflows.model.ProductId;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: {@code kill -9} of a worker process in the middle of an evaluation, and again in the
 * middle of a Slack post. The test process holds what outlives a worker — PostgreSQL (meshwatch's
 * store and, in another schema, the warehouse), Temporal's test server on a port, a local server
 * speaking Slack's Web API — and runs each worker as a child JVM ({@code meshwatch worker --config
 * ... --specs ...}) whose output goes to {@code target/drills/}.
 *
 * <p>The evaluation is held mid-scan for real: the test locks the table under a product's view
 * ACCESS EXCLUSIVE, and the worker's scan waits for the lock in PostgreSQL (seen in
 * {@code pg_stat_activity}). The notification is held after Slack stored the message, before the
 * worker reads the answer — the one window in which a post can be made twice. After each kill a new
 * worker starts with the same config: the interrupted evaluation is retried and recorded once, no
 * cycle's result is missing or doubled, the incident's message is in Slack once, and every
 * product's monitor goes on.
 */
class WorkerKillDrillIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String TOKEN = "xoxb-drill-kill-0001";
  private static final String QUEUE = "meshwatch-kill-drill";
  private static final String OPS = "C0OPSALRT1";
  private static final List<String> PRODUCTS = List.of("held", "steady", "breaking");
  /** SIGKILL's exit status (128 + 9): the process was killed, it did not exit. */
  private static final int KILLED = 137;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void killedMidEvaluationAndMidNotificationLosesAndDoublesNothing(@TempDir Path dir) throws Exception {
    int temporalPort = FreePort.pick(0);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(temporalPort);
        DeadWorkerStickyQueues deadWorkers = new DeadWorkerStickyQueues(temporalPort);
        LocalSlackServer slack = LocalSlackServer.start(TOKEN)) {
      slack.addChannel(OPS, "ops-alerts");
      String url = postgres.getJdbcUrl("postgres", "postgres");
      for (String product : PRODUCTS) {
        Drill.sql(postgres, "CREATE TABLE wh_" + product + " (event_id text, loaded_at timestamptz NOT NULL)");
        Drill.sql(postgres, "INSERT INTO wh_" + product + " SELECT 'e-' || i, now() FROM generate_series(1, 50) i");
        // A view has no data version, so every cycle scans: each cycle is an evaluation to count.
        Drill.sql(postgres, "CREATE VIEW " + product + "_v AS SELECT * FROM wh_" + product);
        Files.writeString(Files.createDirectories(dir.resolve("specs")).resolve(product + ".yaml"), spec(product));
      }
      int httpPort = FreePort.pick(0);
      Path config = dir.resolve("worker.yaml");
      Files.writeString(config, config(temporalPort, url, slack.apiBaseUrl(), httpPort));
      Worker worker = Worker.start(config, dir, 1);
      try {
        awaitApi(httpPort, worker);
        for (String product : PRODUCTS) {
          await("first evaluations of " + product, () -> evaluations(httpPort, product) >= 2);
        }

        // (a) An evaluation held mid-scan, and the worker killed in it.
        Instant killedAt;
        long before;
        try (Connection lock = postgres.getPostgresDatabase().getConnection()) {
          lock.setAutoCommit(false);
          try (Statement s = lock.createStatement()) {
            s.execute("LOCK TABLE wh_held IN ACCESS EXCLUSIVE MODE");
          }
          await("the scan of held waits for its lock", () -> blockedScans(postgres) == 1);
          before = evaluations(httpPort, "held");
          // Everything before the held cycle is in the store; only that cycle is unrecorded.
          long completed = before;
          await("earlier cycles recorded", () -> storedEvaluations(postgres, "held") == completed);
          killedAt = Instant.now();
          worker.kill();
          lock.rollback();
        }
        deadWorkers.drain(temporal, QUEUE);
        worker = Worker.start(config, dir, 2);
        awaitApi(httpPort, worker);
        await("the interrupted evaluation recorded by the new worker",
            () -> recordedAfter(postgres, "held", killedAt) == 1, () -> "killed at " + killedAt + "; stored: " + rows(postgres, "held") + "; " + activityEvents(temporalPort, "held"));
        assertThat(storedEvaluationsUpTo(postgres, "held", killedAt)).as("cycles of held begun before the kill, stored")
            .isEqualTo(before + 1);

        // (b) A Slack post held after Slack stored it, and the worker killed before it reads the answer.
        slack.holdNextResponse("chat.postMessage");
        Drill.sql(postgres, "INSERT INTO wh_breaking VALUES (NULL, now())");
        await("the opening is posted and its answer held", () -> slack.holding() == 1);
        assertThat(openings(slack)).hasSize(1);
        int historyBefore = slack.calls("conversations.history").size();
        worker.kill();
        deadWorkers.drain(temporal, QUEUE);
        worker = Worker.start(config, dir, 3);
        awaitApi(httpPort, worker);
        await("the retried opening finds its message and marks it sent", () -> sentOpenings(postgres) == 1);
        slack.releaseHeld();
        assertThat(slack.calls("conversations.history").size()).as("the retry looked in the channel").isGreaterThan(historyBefore);
        assertThat(openings(slack)).as("the incident's message in the channel").hasSize(1);
        assertThat(slack.acceptedPosts()).as("posts Slack accepted").hasSize(1);

        // Every monitor goes on under the third worker, and the store has each cycle once.
        Instant restarted = Instant.now();
        for (String product : PRODUCTS) {
          long now = evaluations(httpPort, product);
          await(product + " evaluates again", () -> evaluations(httpPort, product) >= now + 2);
          await(product + " records again", () -> lastStored(postgres, product).isAfter(restarted));
          await(product + ": the store holds each of the workflow's evaluations",
              () -> storedEvaluations(postgres, product) == evaluationsQuiet(httpPort, product));
          assertThat(checkRowsPerEvaluation(postgres, product)).as("check results per evaluation of %s", product).hasSize(1);
          assertThat(evaluationsWithoutChecks(postgres, product)).as("evaluations of %s without check results", product).isZero();
        }
        assertThat(openings(slack)).hasSize(1);
      } finally {
        slack.releaseHeld();
        worker.stop();
      }
    }
  }

  // ---- the worker as a child process ----

  /** A worker JVM started with this test's java and class path; its output in target/drills/worker-N.log. */
  private record Worker(Process process, Path log) {

    static Worker start(Path config, Path dir, int n) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      Path log = Path.of("target", "drills", "worker-" + n + ".log").toAbsolutePath();
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
          "io.meshwatch.worker.Main", "worker", "--config", config.toString(),
          "--specs", dir.resolve("specs").toString())
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("DRILL_SLACK_TOKEN", TOKEN);
      return new Worker(builder.start(), log);
    }

    /** SIGKILL, and proof that it was a kill, not an exit. */
    void kill() throws InterruptedException {
      assertThat(process.isAlive()).as("worker alive before the kill; see %s", log).isTrue();
      process.destroyForcibly();
      assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("exit status of the killed worker").isEqualTo(KILLED);
    }

    void stop() throws InterruptedException {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    }
  }

  // ---- what the worker's API says ----

  private void awaitApi(int port, Worker worker) throws InterruptedException {
    await("the worker's API", () -> {
      if (!worker.process().isAlive()) {
        throw new AssertionError("the worker exited with " + worker.process().exitValue() + "; see " + worker.log());
      }
      try {
        // /metrics asks no workflow: a query may wait for a workflow the dead worker last ran (see await below).
        return get(port, "/metrics").statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
  }

  /** The workflow's evaluation count, or -1 while the API cannot tell. */
  private long evaluations(int port, String product) {
    try {
      HttpResponse<String> response = get(port, "/api/products/ops/" + product);
      if (response.statusCode() != 200) {
        return -1;
      }
      JsonNode view = json.readTree(response.body());
      return view.path("evaluations").asLong(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  /** As {@link #evaluations}, read twice a moment apart and only when both agree: no cycle ended in between. */
  private long evaluationsQuiet(int port, String product) {
    long first = evaluations(port, product);
    return first == evaluations(port, product) ? first : -2;
  }

  private HttpResponse<String> get(int port, String path) throws IOException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The product monitor's activity events since its last 40 events, for a failure message. */
  private static String activityEvents(int temporalPort, String product) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      List<String> events = new ArrayList<>();
      for (HistoryEvent event : client.fetchHistory(new ProductId("ops", product).workflowId()).getEvents()) {
        String type = event.getEventType().name();
        if (type.contains("ACTIVITY")) {
          events.add(event.getEventTime().getSeconds() + " " + type.replace("EVENT_TYPE_", "")
              + (event.hasActivityTaskScheduledEventAttributes()
                  ? " " + event.getActivityTaskScheduledEventAttributes().getActivityType().getName()
                      + " hb=" + event.getActivityTaskScheduledEventAttributes().getHeartbeatTimeout().getSeconds() : "")
              + (event.hasActivityTaskStartedEventAttributes() ? " attempt " + event.getActivityTaskStartedEventAttributes().getAttempt() : "")
              + (event.hasActivityTaskTimedOutEventAttributes() ? " " + event.getActivityTaskTimedOutEventAttributes().getFailure().getMessage() : "")
              + (event.hasActivityTaskFailedEventAttributes() ? " " + event.getActivityTaskFailedEventAttributes().getFailure().getMessage() : ""));
        }
      }
      return String.join("\n", events.subList(Math.max(0, events.size() - 40), events.size()));
    } catch (RuntimeException e) {
      return "(no description: " + e + ")";
    } finally {
      stubs.shutdownNow();
    }
  }

  // ---- what the store and the warehouse show ----


  private static String rows(EmbeddedPostgres postgres, String product) {
    List<String> rows = new ArrayList<>();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT scheduled_at, recorded_at, state FROM meshwatch.evaluations "
            + "WHERE product_id = ? ORDER BY scheduled_at")) {
      s.setString(1, "ops/" + product);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getTimestamp(1).toInstant() + "@" + rs.getTimestamp(2).toInstant() + " " + rs.getString(3));
        }
      }
    } catch (java.sql.SQLException e) {
      rows.add(e.toString());
    }
    return rows.toString();
  }

  /** Scans of the held view waiting for a lock (not probes: they never read the table under the view). */
  private static long blockedScans(EmbeddedPostgres postgres) {
    return longQuery(postgres, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        + "AND query LIKE '%held_v%' AND query NOT LIKE '%pg_partition_tree%'");
  }

  private static long storedEvaluations(EmbeddedPostgres postgres, String product) {
    return longQuery(postgres, "SELECT count(*) FROM meshwatch.evaluations WHERE product_id = 'ops/" + product + "'");
  }

  private static long storedEvaluationsUpTo(EmbeddedPostgres postgres, String product, Instant at) {
    return longQuery(postgres, "SELECT count(*) FROM meshwatch.evaluations WHERE product_id = 'ops/" + product + "'"
        + " AND scheduled_at <= '" + at + "'");
  }

  /** Evaluations of a cycle that began before the kill but were recorded after it: the interrupted one. */
  private static long recordedAfter(EmbeddedPostgres postgres, String product, Instant at) {
    return longQuery(postgres, "SELECT count(*) FROM meshwatch.evaluations WHERE product_id = 'ops/" + product + "'"
        + " AND scheduled_at <= '" + at + "' AND recorded_at > '" + at + "'");
  }

  private static Instant lastStored(EmbeddedPostgres postgres, String product) {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT max(recorded_at) FROM meshwatch.evaluations WHERE product_id = ?")) {
      s.setString(1, "ops/" + product);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        Timestamp at = rs.getTimestamp(1);
        return at == null ? Instant.EPOCH : at.toInstant();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The distinct numbers of check results per stored evaluation: one number when no cycle lost or doubled any. */
  private static List<Long> checkRowsPerEvaluation(EmbeddedPostgres postgres, String product) {
    List<Long> counts = new ArrayList<>();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT DISTINCT n FROM (SELECT count(*) n FROM meshwatch.check_results "
            + "WHERE product_id = ? GROUP BY scheduled_at) per_cycle")) {
      s.setString(1, "ops/" + product);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          counts.add(rs.getLong(1));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  private static long evaluationsWithoutChecks(EmbeddedPostgres postgres, String product) {
    return longQuery(postgres, "SELECT count(*) FROM meshwatch.evaluations e WHERE e.product_id = 'ops/" + product + "'"
        + " AND NOT EXISTS (SELECT 1 FROM meshwatch.check_results r WHERE r.product_id = e.product_id"
        + " AND r.scheduled_at = e.scheduled_at)");
  }

  private static long sentOpenings(EmbeddedPostgres postgres) {
    return longQuery(postgres, "SELECT count(*) FROM meshwatch.notification_outbox WHERE intent = 'OPENED' AND sent");
  }

  private static List<LocalSlackServer.StoredMessage> openings(LocalSlackServer slack) {
    return slack.messages(OPS).stream()
        .filter(m -> m.metadataKey() != null && m.metadataKey().contains("|OPENED|"))
        .toList();
  }

  private static long longQuery(EmbeddedPostgres postgres, String query) {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      // The store's schema exists only once the first worker migrated it.
      return -1;
    }
  }


  private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
    await(what, condition, () -> "");
  }

  private static void await(String what, Supplier<Boolean> condition, Supplier<String> diagnosis) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!Boolean.TRUE.equals(condition.get())) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + TIMEOUT + ": " + what + " (worker output in target/drills/) " + diagnosis.get());
      }
      Thread.sleep(250);
    }
  }

  // ---- files ----

  private static String spec(String product) {
    return """
        apiVersion: dataproduct/v1
        kind: DataProduct
        metadata: {name: %s, domain: ops, owner: ops-team, steward: ops@company.com}
        spec:
          output: {format: postgres, connection: wh, schema: public, table: %s_v}
          schema:
            - {name: event_id, type: string, nullable: false}
          sla: {schedule: "0 0 * * *", timezone: UTC}
        """.formatted(product, product);
  }

  private static String config(int temporalPort, String storeUrl, String slackApi, int httpPort) {
    return """
        temporal:
          target: 127.0.0.1:%d
          task_queue: %s
        store:
          url: "%s"
          user: postgres
          password_env: null
        warehouses:
          wh: {format: postgres, url: "%s", user: postgres, statement_timeout: 5m}
        teams:
          ops-team: {slack_channel: %s}
        http:
          port: %d
        monitor:
          poll_interval: 2s
        alerts:
          console: false
        slack:
          bot_token_env: DRILL_SLACK_TOKEN
          signing_secret_env: null
          api_base_url: "%s"
        """.formatted(temporalPort, QUEUE, storeUrl, storeUrl, OPS, httpPort, slackApi);
  }
}
