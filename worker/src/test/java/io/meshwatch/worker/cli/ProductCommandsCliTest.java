package io.meshwatch.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.worker.api.ApiTokens;
import io.meshwatch.worker.api.CommandAuth;
import io.meshwatch.worker.api.HttpApi;
import io.meshwatch.worker.api.IncidentApiFixture;
import io.meshwatch.worker.governance.Governance;
import io.meshwatch.worker.governance.Policy;
import io.meshwatch.workflows.model.ProductId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshwatch apply|diff|get|status|retire|evaluate|validate} against a real worker API started in the test. */
class ProductCommandsCliTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  static final ObjectMapper JSON = new ObjectMapper();
  static final ProductId ORDERS = new ProductId("orders", "orders-daily");

  static IncidentApiFixture fixture;
  HttpApi server;
  @TempDir Path dir;

  @BeforeAll
  static void startTemporal() {
    fixture = new IncidentApiFixture(STORE.database());
  }

  @AfterAll
  static void stopTemporal() {
    fixture.close();
  }

  @BeforeEach
  void startServer() {
    CommandAuth none = new CommandAuth(ApiTokens.none());
    server = fixture.serve(none, fixture.products(none, Governance.none()));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  static String resource(String path) throws Exception {
    try (var in = ProductCommandsCliTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String reference() throws Exception {
    return resource("/specs/reference/orders-daily.seed.yaml");
  }

  static String payments() throws Exception {
    return reference().replace("name: orders-daily", "name: payments-settled").replace("domain: orders", "domain: payments")
        .replace("owner: orders-platform-team", "owner: payments-team");
  }

  static String api(HttpApi server) {
    return "http://127.0.0.1:" + server.port();
  }

  Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void applyingAFolderTwiceCreatesThenReportsUnchanged() throws Exception {
    Path specs = dir.resolve("specs");
    write("specs/orders.yaml", reference());
    write("specs/payments/payments.yaml", payments());
    write("specs/.drafts/ignored.yaml", "not: a spec");

    Cli first = Cli.run(new ApplyCommand(Map.of()), "-f", specs.toString(), "--api", api(server));
    Cli second = Cli.run(new ApplyCommand(Map.of()), "-f", specs.toString(), "--api", api(server));

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo(
        "[1/2] " + specs.resolve("orders.yaml") + ": orders/orders-daily created (version 1)\n"
            + "[2/2] " + specs.resolve("payments/payments.yaml") + ": payments/payments-settled created (version 1)\n"
            + "2 of 2 applied\n");
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("orders/orders-daily unchanged (version 1)").contains("payments/payments-settled unchanged (version 1)");
    assertThat(STORE.database().registry().versions(ORDERS)).hasSize(1);
  }

  @Test
  void applyPrintsEveryErrorWithItsFileAndPathAndExitsOne() throws Exception {
    Path good = write("specs/orders.yaml", reference());
    Path bad = write("specs/zz-bad.yaml", resource("/specs/invalid/01-multiple-errors.yaml"));

    Cli run = Cli.run(new ApplyCommand(Map.of()), "-f", dir.resolve("specs").toString(), "--api", api(server));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains(good + ": orders/orders-daily created (version 1)")
        .contains(bad + ": failed: invalid spec: 4 errors in the spec; nothing was registered (HTTP 422)")
        .contains("1 of 2 applied, 1 failed");
    assertThat(run.err().lines().toList()).containsExactly(
        bad + ":9: metadata.name: must be a lower-case DNS label (1-63 characters of a-z, 0-9 and '-', starting and"
            + " ending with a letter or digit), got 'Orders_Daily'",
        bad + ":21: spec.schema[1].pii_handling: required when pii is true (one of hashed, masked, tokenized, encrypted or redacted)",
        bad + ":26: spec.quality.completeness_threshold: must be in (0, 1], got 1.5",
        bad + ":27: spec.consumer: unknown field; did you mean 'consumers'?");
  }

  @Test
  void validatePrintsEveryErrorOffline() throws Exception {
    Path bad = write("bad.yaml", resource("/specs/invalid/01-multiple-errors.yaml"));

    Cli run = Cli.run(new ValidateCommand(), bad.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines().toList()).containsExactly(
        bad + ":9: metadata.name: must be a lower-case DNS label (1-63 characters of a-z, 0-9 and '-', starting and"
            + " ending with a letter or digit), got 'Orders_Daily'",
        bad + ":21: spec.schema[1].pii_handling: required when pii is true (one of hashed, masked, tokenized, encrypted or redacted)",
        bad + ":26: spec.quality.completeness_threshold: must be in (0, 1], got 1.5",
        bad + ":27: spec.consumer: unknown field; did you mean 'consumers'?");
  }

  @Test
  void anApplyRefusedByAPolicyNamesThePolicy() throws Exception {
    CommandAuth none = new CommandAuth(ApiTokens.none());
    try (HttpApi governed = fixture.serve(none, fixture.products(none, new Governance(List.of(new Policy.StewardRequired()))))) {
      Path file = write("orders.yaml", reference().replace("  steward: jane.smith@company.com\n", ""));

      Cli run = Cli.run(new ApplyCommand(Map.of()), "-f", file.toString(), "--api", api(governed));

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains(file + ": policy steward-required: metadata.steward: every product needs a steward");
      assertThat(run.out()).contains(file + ": failed: policy violation: orders/orders-daily breaks 1 governance policy"
          + " (steward-required)");
    }
  }

  @Test
  void anOnlineDiffWithABreakingChangeExitsThreeAndNamesTheConsumers() throws Exception {
    Cli.run(new ApplyCommand(Map.of()), "-f", write("orders.yaml", reference()).toString(), "--api", api(server));
    Path next = write("next/orders.yaml",
        reference().replace("    - name: customer_id\n      type: string", "    - name: customer_id\n      type: bigint"));
    Path same = write("same/orders.yaml", reference());
    Path fresh = write("fresh/payments.yaml", payments());

    Cli breaking = Cli.run(new DiffCommand(Map.of()), "-f", next.toString(), "--api", api(server));
    Cli unchanged = Cli.run(new DiffCommand(Map.of()), "-f", same.toString(), "--api", api(server));
    Cli newProduct = Cli.run(new DiffCommand(Map.of()), "-f", fresh.toString(), "--api", api(server));
    Cli json = Cli.run(new DiffCommand(Map.of()), "-f", next.toString(), "--api", api(server), "-o", "json");

    assertThat(breaking.exit()).as(breaking.err()).isEqualTo(3);
    assertThat(breaking.out()).isEqualTo(next + ":\n"
        + "  orders/orders-daily: 1 breaking, 0 compatible, 0 other changes\n"
        + "  schema and output:\n"
        + "    ~ spec.schema[customer_id].type: string -> bigint  BREAKING (type changed)\n"
        + "  consumers affected (tell them before deploying):\n"
        + "    finance: Revenue reporting\n"
        + "    ml-platform: Churn prediction features\n");
    assertThat(unchanged.exit()).isZero();
    assertThat(unchanged.out()).contains("orders/orders-daily: no changes");
    assertThat(newProduct.exit()).isZero();
    assertThat(newProduct.out()).isEqualTo(fresh + ": payments/payments-settled: new product (not registered yet)\n");
    assertThat(json.exit()).isEqualTo(3);
    assertThat(JSON.readTree(json.out()).get(0).get("result").get("diff").get("affectedConsumers"))
        .extracting(c -> c.get("team").asText()).containsExactly("finance", "ml-platform");
    assertThat(STORE.database().registry().versions(ORDERS)).as("a diff stores nothing").hasSize(1);
  }

  @Test
  void getStatusEvaluateAndRetireAProduct() throws Exception {
    Cli.run(new ApplyCommand(Map.of()), "-f", write("orders.yaml", reference()).toString(), "--api", api(server));
    Cli.run(new ApplyCommand(Map.of()), "-f", write("payments.yaml", payments()).toString(), "--api", api(server));
    awaitMonitor(ORDERS);
    awaitMonitor(new ProductId("payments", "payments-settled"));
    // The URL from the environment, as a CI job would set it.
    Map<String, String> env = Map.of("MESHWATCH_API_URL", api(server));

    Cli table = Cli.run(new GetCommand(env));
    Cli one = Cli.run(new GetCommand(env), "orders/orders-daily");
    Cli json = Cli.run(new GetCommand(env), "--domain", "payments", "-o", "json");
    Cli status = Cli.run(new StatusCommand(env, Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC)));
    Cli statusJson = Cli.run(new StatusCommand(env, Clock.systemUTC()), "-o", "json");
    Cli evaluate = Cli.run(new EvaluateCommand(env), "orders/orders-daily");
    Cli retire = Cli.run(new RetireCommand(env), "payments/payments-settled");
    Cli again = Cli.run(new RetireCommand(env), "payments/payments-settled");
    Cli unknown = Cli.run(new GetCommand(env), "orders/nothing");
    Cli badArgument = Cli.run(new RetireCommand(env), "orders");

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out().lines().toList()).hasSize(3).first().asString()
        .startsWith("PRODUCT").contains("OWNER").contains("VERSION").contains("STATE").contains("LAST UPDATED");
    assertThat(table.out()).containsPattern("(?m)^orders/orders-daily +orders-platform-team +1 +HEALTHY +-$");
    assertThat(one.exit()).isZero();
    assertThat(one.out()).contains("product:        orders/orders-daily\n").contains("steward:        jane.smith@company.com\n")
        .contains("status:         active\n").contains("state:          HEALTHY since ");
    assertThat(JSON.readTree(json.out())).extracting(p -> p.get("id").asText()).containsExactly("payments/payments-settled");
    assertThat(status.exit()).isZero();
    assertThat(status.out().lines().toList()).hasSize(3).first().asString().matches("PRODUCT +STATE +DATA AGE +OPEN INCIDENT");
    assertThat(status.out()).containsPattern("(?m)^orders/orders-daily +HEALTHY +- +-$");
    JsonNode rows = JSON.readTree(statusJson.out());
    assertThat(rows).extracting(r -> r.get("product").asText()).containsExactly("orders/orders-daily", "payments/payments-settled");
    assertThat(rows.get(0).has("dataAgeSeconds")).isTrue();
    assertThat(evaluate.exit()).as(evaluate.err()).isZero();
    assertThat(evaluate.out()).startsWith("evaluation of orders/orders-daily requested (by ");
    assertThat(retire.exit()).isZero();
    assertThat(retire.out()).startsWith("payments/payments-settled retired (by ");
    assertThat(again.exit()).isZero();
    assertThat(again.out()).startsWith("payments/payments-settled already retired (by ");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("meshwatch get: product not found: no product orders/nothing is registered (HTTP 404)\n");
    assertThat(badArgument.exit()).isEqualTo(2);
    assertThat(badArgument.err()).contains("PRODUCT: must be <domain>/<name>");
  }

  @Test
  void refusalsByRoleAndUnreachableWorkersExitOne() throws Exception {
    String viewer = "viewer-token-9f8e7d6c5b4a3210";
    CommandAuth roles = new CommandAuth(ApiTokens.of(Map.of("dashboards", viewer),
        Map.of("dashboards", new io.meshwatch.worker.api.ApiRole.Viewer())));
    try (HttpApi guarded = fixture.serve(roles, fixture.products(roles, Governance.none()))) {
      Path file = write("orders.yaml", reference());

      Cli anonymous = Cli.run(new GetCommand(Map.of()), "--api", api(guarded));
      Cli refused = Cli.run(new ApplyCommand(Map.of("MESHWATCH_API_TOKEN", viewer)), "-f", file.toString(), "--api", api(guarded));
      Cli reads = Cli.run(new GetCommand(Map.of("MESHWATCH_API_TOKEN", viewer)), "--api", api(guarded), "-o", "json");

      assertThat(anonymous.exit()).isEqualTo(1);
      assertThat(anonymous.err()).contains("token required").contains("(HTTP 401)");
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("forbidden: role viewer cannot apply products (token dashboards) (HTTP 403)");
      assertThat(reads.exit()).isZero();
      assertThat(JSON.readTree(reads.out()).isArray()).isTrue();
    }
    Cli unreachable = Cli.run(new StatusCommand(Map.of(), Clock.systemUTC()), "--api", "http://127.0.0.1:" + io.meshwatch.worker.embedded.FreePort.pick(0));
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot reach the worker");
  }

  /** The monitor answers its status query once Temporal has started it. */
  static void awaitMonitor(ProductId product) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        fixture.client.newWorkflowStub(io.meshwatch.workflows.monitor.ProductMonitorWorkflow.class, product.workflowId()).status();
        return;
      } catch (io.temporal.client.WorkflowException notYet) {
        Thread.sleep(20);
      }
    }
    throw new AssertionError("no monitor answers for " + product);
  }
}
