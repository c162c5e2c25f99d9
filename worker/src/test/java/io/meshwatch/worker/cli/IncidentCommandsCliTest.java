package io.meshwatch.worker.cli;

import static io.meshwatch.activities.store.IncidentFixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.activities.store.IncidentStore;
import io.meshwatch.worker.api.ApiTokens;
import io.meshwatch.worker.api.CommandAuth;
import io.meshwatch.worker.api.HttpApi;
import io.meshwatch.worker.api.IncidentApi;
import io.meshwatch.worker.api.IncidentApiFixture;
import io.meshwatch.worker.embedded.FreePort;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.AcknowledgeRequest;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.incident.ResolveRequest;
import io.meshwatch.workflows.incident.SnoozeRequest;
import io.meshwatch.workflows.model.ProductId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code meshwatch ack|snooze|resolve|incidents} against a real worker API started in the test. */
class IncidentCommandsCliTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  static final ProductId ORDERS = new ProductId("orders", "orders-daily");
  static final String CI_TOKEN = "ci-token-5f1e0c8a9b7d4e21";

  static IncidentApiFixture fixture;
  HttpApi open;
  HttpApi guarded;
  IncidentStore incidents;

  @BeforeAll
  static void startTemporal() {
    fixture = new IncidentApiFixture(STORE.database());
  }

  @AfterAll
  static void stopTemporal() {
    fixture.close();
  }

  @BeforeEach
  void startServers() {
    incidents = STORE.database().incidents();
    open = fixture.serve(new IncidentApi(incidents, fixture.actions(), new CommandAuth(ApiTokens.none())));
    CommandAuth tokens = new CommandAuth(ApiTokens.of(Map.of("ci", CI_TOKEN)));
    guarded = fixture.serve(tokens, new IncidentApi(incidents, fixture.actions(), tokens));
  }

  @AfterEach
  void stopServers() {
    open.close();
    guarded.close();
  }

  /** A run of one command: exit code and what it printed. */
  record Run(int exit, String out, String err) {}

  static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static String api(HttpApi server) {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void ackAnIncidentByItsId() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    Run run = run(new AckCommand(Map.of()), id, "--api", api(open), "--by", "alice");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("acknowledge accepted for " + id + " (by alice via cli)\n");
    assertThat(fixture.awaitSignals(id, 1)).containsExactly(new AcknowledgeRequest(new Actor("alice", "cli")));
  }

  @Test
  void snoozeAProductsOpenIncident() throws Exception {
    Instant opened = IncidentApiFixture.nextOpening();
    String id = fixture.startIncident(ORDERS, opened);
    incidents.record(transition(ORDERS, opened, 1, TransitionKind.OPENED, opened, null));

    Run run = run(new SnoozeCommand(Map.of()), "orders/orders-daily", "--for", "90m", "--api", api(open), "--by", "alice");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("snooze for 1h30m accepted for " + id + " (by alice via cli)\n");
    assertThat(fixture.awaitSignals(id, 1)).containsExactly(new SnoozeRequest(new Actor("alice", "cli"), Duration.ofMinutes(90)));
  }

  @Test
  void resolveWithAReasonAndANoteUnderTheTokensName() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    Run run = run(new ResolveCommand(Map.of("ONCALL_TOKEN", CI_TOKEN)), id, "--reason", "expected", "--note", "planned reload",
        "--api", api(guarded), "--token-env", "ONCALL_TOKEN");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("resolve as expected accepted for " + id + " (by ci via cli)\n");
    assertThat(fixture.awaitSignals(id, 1))
        .containsExactly(new ResolveRequest(new Actor("ci", "cli"), Resolution.EXPECTED, "planned reload"));
  }

  @Test
  void aTokenFileActsUnderItsTokensNameAndAnEmptyOneIsUsage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    java.nio.file.Path tokenFile = java.nio.file.Files.writeString(dir.resolve("token"), CI_TOKEN + "\n");
    java.nio.file.Path empty = java.nio.file.Files.writeString(dir.resolve("empty"), "\n");

    Run run = run(new AckCommand(Map.of()), id, "--api", api(guarded), "--token-file", tokenFile.toString());
    Run emptyFile = run(new AckCommand(Map.of()), id, "--api", api(guarded), "--token-file", empty.toString());
    Run both = run(new AckCommand(Map.of("T", CI_TOKEN)), id, "--api", api(guarded), "--token-file", tokenFile.toString(),
        "--token-env", "T");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(fixture.awaitSignals(id, 1)).containsExactly(new AcknowledgeRequest(new Actor("ci", "cli")));
    assertThat(emptyFile.exit()).isEqualTo(2);
    assertThat(emptyFile.err()).contains("--token-file " + empty + " is empty");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("give --token-file or --token-env, not both");
  }

  @Test
  void theDefaultTokenVariableIsUsedWhenSet() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    Run run = run(new AckCommand(Map.of(ApiOptions.DEFAULT_TOKEN_ENV, CI_TOKEN)), id, "--api", api(guarded));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(fixture.awaitSignals(id, 1)).containsExactly(new AcknowledgeRequest(new Actor("ci", "cli")));
  }

  @Test
  void aRefusalExitsOneWithTheWorkersReason() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    Run noToken = run(new AckCommand(Map.of()), id, "--api", api(guarded));
    Run unknown = run(new AckCommand(Map.of()), "incident/orders/orders-daily/42", "--api", api(open));
    Run noOpenIncident = run(new AckCommand(Map.of()), "payments/payments-settled", "--api", api(open));

    assertThat(noToken.exit()).isEqualTo(1);
    assertThat(noToken.err()).startsWith("meshwatch ack: token required: this endpoint needs an Authorization: Bearer header")
        .contains("(HTTP 401)");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("incident not found").contains("(HTTP 404)");
    assertThat(noOpenIncident.exit()).isEqualTo(1);
    assertThat(noOpenIncident.err()).contains("product payments/payments-settled has no open incident");
    assertThat(fixture.signalCount(id)).isZero();
  }

  @Test
  void aWorkerThatIsNotRunningExitsOne() throws Exception {
    Run run = run(new AckCommand(Map.of()), "orders/orders-daily", "--api", "http://127.0.0.1:" + FreePort.pick(0));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach the worker at http://127.0.0.1:").contains("connection refused");
  }

  @Test
  void badUsageExitsTwoAndSendsNothing() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    Run badId = run(new AckCommand(Map.of()), "orders", "--api", api(open));
    Run badDuration = run(new SnoozeCommand(Map.of()), id, "--for", "soon", "--api", api(open));
    Run tooLong = run(new SnoozeCommand(Map.of()), id, "--for", "60d", "--api", api(open));
    Run noDuration = run(new SnoozeCommand(Map.of()), id, "--api", api(open));
    Run recovered = run(new ResolveCommand(Map.of()), id, "--reason", "recovered", "--api", api(open));
    Run unsetToken = run(new AckCommand(Map.of()), id, "--api", api(open), "--token-env", "NOT_SET_ANYWHERE");
    Run badApi = run(new AckCommand(Map.of()), id, "--api", "localhost:8080");

    assertThat(badId.exit()).isEqualTo(2);
    assertThat(badId.err()).startsWith("meshwatch ack: ID: expected an incident id (incident/<domain>/<name>/<opened>) or a product"
        + " id (<domain>/<name>, meaning its open incident), got 'orders'");
    assertThat(badDuration.exit()).isEqualTo(2);
    assertThat(badDuration.err()).contains("--for: not a duration: 'soon'");
    assertThat(tooLong.exit()).isEqualTo(2);
    assertThat(noDuration.exit()).isEqualTo(2);
    assertThat(noDuration.err()).contains("Missing required option: '--for=DURATION'");
    assertThat(recovered.exit()).isEqualTo(2);
    assertThat(recovered.err()).contains("recovered is meshwatch's own");
    assertThat(unsetToken.exit()).isEqualTo(2);
    assertThat(unsetToken.err()).contains("--token-env names NOT_SET_ANYWHERE, which is not set");
    assertThat(badApi.exit()).isEqualTo(2);
    assertThat(fixture.signalCount(id)).isZero();
  }

  @Test
  void theDefaultApiIsThisMachineOnTheConfiguredPort(@TempDir Path dir) throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    Path config = Files.writeString(dir.resolve("worker.yaml"), "http:\n  port: " + open.port() + "\n");

    Run fromFile = run(new AckCommand(Map.of()), id, "--config", config.toString(), "--by", "alice");
    Run fromEnvironment = run(new IncidentsCommand(Map.of("MESHWATCH_HTTP_PORT", String.valueOf(open.port()))));

    assertThat(fromFile.exit()).as(fromFile.err()).isZero();
    assertThat(fromEnvironment.exit()).as(fromEnvironment.err()).isZero();
    fixture.awaitSignals(id, 1);
  }

  @Test
  void incidentsListsTheOpenOnesAndWithAllTheResolvedToo() throws Exception {
    Instant resolved = IncidentApiFixture.nextOpening();
    Instant opened = IncidentApiFixture.nextOpening();
    incidents.record(transition(ORDERS, resolved, 1, TransitionKind.OPENED, resolved, null));
    incidents.record(transition(ORDERS, resolved, 2, TransitionKind.RESOLVED, resolved.plusSeconds(60), null));
    incidents.record(transition(ORDERS, opened, 1, TransitionKind.OPENED, opened, null));
    incidents.record(transition(ORDERS, opened, 2, TransitionKind.ACKNOWLEDGED, opened.plusSeconds(60), null));
    String openId = "incident/orders/orders-daily/" + opened.toEpochMilli();
    String resolvedId = "incident/orders/orders-daily/" + resolved.toEpochMilli();

    Run openOnes = run(new IncidentsCommand(Map.of()), "--api", api(open));
    Run everything = run(new IncidentsCommand(Map.of()), "--all", "--api", api(open));
    Run json = run(new IncidentsCommand(Map.of()), "--json", "--api", api(open));

    assertThat(openOnes.exit()).isZero();
    assertThat(openOnes.out().lines().toList()).hasSize(2);
    assertThat(openOnes.out().lines().toList().get(0)).startsWith("INCIDENT").contains("STATE", "OPENED", "FAILING", "BY");
    assertThat(openOnes.out().lines().toList().get(1)).startsWith(openId).contains("ACKNOWLEDGED", opened.toString(),
        "freshness, not_null:order_id", "U024BE7LH (slack)");
    assertThat(everything.out().lines().toList()).hasSize(3);
    assertThat(everything.out().lines().toList().get(2)).startsWith(resolvedId).contains("RESOLVED (fixed)", "bob (cli)");
    assertThat(json.out()).contains("\"id\" : \"" + openId + "\"");
  }

  @Test
  void incidentsSaysSoWhenThereAreNone() {
    Run run = run(new IncidentsCommand(Map.of()), "--api", api(open));

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("no open incidents\n");
  }

  @Test
  void theCommandsAreSubcommandsOfMeshwatch() {
    CommandLine meshwatch = new CommandLine(new MeshwatchCommand());

    assertThat(meshwatch.getSubcommands()).containsKeys("ack", "snooze", "resolve", "incidents");
  }
}
