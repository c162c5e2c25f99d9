package io.meshwatch.worker.drills;

import static io.meshwatch.worker.drills.Drill.await;
import static io.meshwatch.worker.drills.Drill.openings;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.store.StoredIncident;
import io.meshwatch.activities.store.StoredTransition;
import io.meshwatch.alerts.slack.LocalSlackServer;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.IncidentStatus;
import io.meshwatch.workflows.model.ProductId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill: the embedded worker is stopped while an incident is open and not yet escalated, and started
 * again on the same work folder. The embedded Temporal server went with the first worker, so the
 * incident workflow and its escalation timer are gone; the restarted worker brings the incident back
 * from PostgreSQL, and it escalates to the steward at its original deadline (opening + the ladder's
 * steward delay) — not a ladder restarted at the restart — with no message sent twice.
 */
class RestartWithOpenIncidentsDrillIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  /** Long enough for a loaded machine to stop and start the worker before it, short enough for a test. */
  private static final Duration STEWARD_AFTER = Duration.ofSeconds(90);
  /**
   * How far into the ladder the first worker runs before it is stopped: a ladder wrongly counted
   * again from the restart would then reach the steward at least this much later than due.
   */
  private static final Duration RUN_BEFORE_STOP = Duration.ofSeconds(45);
  /** How late the escalation may come after it is due (or after the restored incident runs, if that is later). */
  private static final Duration SLACK = Duration.ofSeconds(20);
  private static final String OPS = "C0OPSTEAM1";
  private static final String PLATFORM = "C0PLATFRM1";
  private static final String STEWARD = "U0STEWARD1";
  private static final ProductId PRODUCT = new ProductId("ops", "parcels");

  @Test
  void anOpenIncidentSurvivesARestartAndEscalatesAtItsOriginalDeadline(@TempDir Path work) throws Exception {
    Path warehouse = work.resolve("warehouse.duckdb");
    // Five rows of fifty have no id: not_null:event_id fails, an ordinary breach (nothing at once for the steward).
    Drill.duckdb(warehouse, "CREATE TABLE parcels AS SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE 'p-' || i END AS event_id,"
        + " now()::TIMESTAMP AS loaded_at FROM range(50) t(i)");
    try (LocalSlackServer slack = LocalSlackServer.start(Drill.TOKEN)) {
      slack.addChannel(OPS, "ops-alerts").addChannel(PLATFORM, "data-platform").addUser(STEWARD, "steward@company.com");
      String steward = LocalSlackServer.directChannel(STEWARD);
      ConfigLoader loader = new ConfigLoader(Map.of("DRILL_SLACK_TOKEN", Drill.TOKEN, "DRILL_SLACK_SECRET", Drill.SIGNING_SECRET));
      WorkerConfig config = config(loader.defaults(), warehouse, slack.apiBaseUrl());
      ByteArrayOutputStream console = new ByteArrayOutputStream();

      StoredIncident opened;
      try (MeshwatchRuntime runtime = MeshwatchRuntime.start(config, loader, work,
          new PrintStream(console, true, StandardCharsets.UTF_8))) {
        Drill.register(runtime, PRODUCT.name(), SPEC);
        opened = await("the incident of " + PRODUCT + " in the store", TIMEOUT,
            () -> runtime.store().incidents().findOpen(PRODUCT).orElse(null));
        await("the incident's opening in the owner's channel", TIMEOUT,
            () -> openings(slack, OPS, opened.id()).isEmpty() ? null : true);
        assertThat(runtime.incident(opened.id()).map(IncidentStatus::state)).contains(IncidentState.OPEN);
        Duration untilStop = Duration.between(Instant.now(), opened.openedAt().plus(RUN_BEFORE_STOP));
        if (untilStop.isPositive()) {
          Thread.sleep(untilStop.toMillis());
        }
      }
      Instant due = opened.openedAt().plus(STEWARD_AFTER);
      assertThat(Instant.now()).as("the first worker stopped before the steward was due (else this drill proves nothing)")
          .isBefore(due);
      assertThat(slack.messages(steward)).isEmpty();

      try (MeshwatchRuntime restarted = MeshwatchRuntime.start(config, loader, work,
          new PrintStream(console, true, StandardCharsets.UTF_8))) {
        // The new embedded Temporal server started empty: the incident runs again only because it was restored.
        IncidentStatus restored = await("the incident running again after the restart", TIMEOUT,
            () -> restarted.incident(opened.id()).orElse(null));
        Instant restoredAt = Instant.now();
        assertThat(restored.openedAt()).isEqualTo(opened.openedAt());
        assertThat(restarted.directory().status(PRODUCT).orElseThrow().incidentId()).isEqualTo(opened.id());

        LocalSlackServer.StoredMessage escalation = await("the steward's direct message", TIMEOUT,
            () -> slack.messages(steward).isEmpty() ? null : slack.messages(steward).get(0));
        assertThat(escalation.visible()).contains(PRODUCT.toString());
        // On time: not before the deadline set at the opening, and not a fresh ladder counted from the restart.
        assertThat(escalation.postedAt()).isAfterOrEqualTo(due.minusMillis(1))
            .isBefore((restoredAt.isAfter(due) ? restoredAt : due).plus(SLACK));

        List<StoredTransition> transitions = await("the escalation recorded", TIMEOUT,
            () -> restarted.store().incidents().find(opened.id())
                .map(h -> h.transitions())
                .filter(t -> t.stream().anyMatch(x -> x.kind() == TransitionKind.ESCALATED_TO_STEWARD))
                .orElse(null));
        // Let the monitor run a few more cycles: nothing is sent again.
        long cycles = restarted.directory().status(PRODUCT).orElseThrow().cycles();
        await("three more cycles", TIMEOUT,
            () -> restarted.directory().status(PRODUCT).filter(s -> s.cycles() >= cycles + 3).orElse(null));

        assertThat(transitions.stream().filter(t -> t.kind() == TransitionKind.OPENED)).hasSize(1);
        assertThat(transitions.stream().filter(t -> t.kind() == TransitionKind.ESCALATED_TO_STEWARD)).hasSize(1);
        assertThat(slack.messages(steward)).hasSize(1);
        assertThat(openings(slack, OPS, opened.id())).hasSize(1);
        assertThat(slack.messages(OPS).stream().filter(LocalSlackServer.StoredMessage::topLevel)).hasSize(1);
        assertThat(restarted.store().incidents().findByProduct(PRODUCT)).hasSize(1);
        assertThat(restarted.incident(opened.id()).map(IncidentStatus::state)).contains(IncidentState.OPEN);
      }
    }
  }

  private static final String SPEC = """
      apiVersion: dataproduct/v1
      kind: DataProduct
      metadata: {name: parcels, domain: ops, owner: ops-team, steward: steward@company.com}
      spec:
        output: {format: duckdb, connection: wh, schema: main, table: parcels}
        schema:
          - {name: event_id, type: string, nullable: false}
        quality:
          freshness_column: loaded_at
        sla: {schedule: "0 0 * * *", timezone: UTC}
      """;

  private static WorkerConfig config(WorkerConfig defaults, Path warehouse, String slackApi) {
    return new WorkerConfig(
        new WorkerConfig.Temporal("embedded", defaults.temporal().namespace(), "meshwatch-restart-drill", 0,
            defaults.temporal().tls()),
        new WorkerConfig.Store("embedded", null, null, null, "store"),
        Map.of("wh", new WorkerConfig.Warehouse("duckdb", "jdbc:duckdb:" + warehouse.toAbsolutePath(), null, null, null,
            Duration.ofSeconds(30), Map.of())),
        Map.of("ops-team", new WorkerConfig.Team(OPS, List.of(), false)),
        new WorkerConfig.Http(0, Map.of()),
        new WorkerConfig.Monitor(Duration.ofSeconds(5), 0),
        new WorkerConfig.Alerts(true, null),
        new WorkerConfig.Slack("DRILL_SLACK_TOKEN", null, "DRILL_SLACK_SECRET", null, slackApi, PLATFORM, 5, Duration.ofMinutes(1)),
        defaults.links(),
        new WorkerConfig.Escalation(STEWARD_AFTER, Duration.ofHours(2), Duration.ofHours(1)));
  }
}
