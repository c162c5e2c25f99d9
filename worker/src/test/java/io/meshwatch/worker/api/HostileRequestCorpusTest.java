package io.meshwatch.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.activities.store.IncidentFixtures;
import io.meshwatch.activities.store.StoreDatabase;
import io.meshwatch.worker.governance.Governance;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflow;
import io.meshwatch.workflows.activities.TransitionKind;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile requests against the real HTTP API, real registrar, embedded PostgreSQL and Temporal's
 * test environment. Each file in {@code hostile/} is one request as it goes over the wire (request
 * line, headers, blank line, body) under header comments saying which token it presents
 * ({@code # role:}), what it must be answered with ({@code # expect: STATUS TITLE}) and, optionally,
 * what the answer must mention ({@code # mentions:}). Every one must be refused with that problem
 * document, tell nothing of the worker's insides or its tokens, and change nothing: every registry
 * table holds the same rows afterwards and no workflow was started or signalled.
 */
class HostileRequestCorpusTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  static final ObjectMapper JSON = new ObjectMapper();
  static final ProductId ORDERS = new ProductId("orders", "orders-daily");
  static final ProductId PAYMENTS = new ProductId("payments", "payments-settled");
  /** The payments incident the acknowledge cases aim at: 2026-03-02T06:00:00Z. */
  static final Instant OPENED = Instant.ofEpochMilli(1772431200000L);
  /** Distinctive, so a body echoing any of them is caught. */
  static final Map<String, String> TOKENS = Map.of(
      "platform", "hostile-platform-token-7c1d93a0e5",
      "owner", "hostile-orders-owner-token-51b2e8f4",
      "viewer", "hostile-viewer-token-0e6a4d2c98",
      // Presented, but configured nowhere.
      "unknown", "hostile-unknown-token-3f9b7a61c2");
  private static final Pattern EXPECT = Pattern.compile("# expect: (\\d{3}) (.+)");
  private static final Pattern HEX = Pattern.compile("\\{\\{hex:([0-9a-f]+)}}");
  private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat:(\\d+):([^}]*)}}");

  /** One request of the corpus. */
  record Case(String file, String role, int status, String title, List<String> mentions, String method, String path,
      Map<String, String> headers, byte[] body) {}

  static Case parse(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int split = text.indexOf("\n\n");
    String head = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 2);
    String role = null;
    Integer status = null;
    String title = null;
    List<String> mentions = new ArrayList<>();
    String method = null;
    String path = null;
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String line : head.split("\n")) {
      Matcher expect = EXPECT.matcher(line);
      if (expect.matches()) {
        status = Integer.parseInt(expect.group(1));
        title = expect.group(2).strip();
      } else if (line.startsWith("# role: ")) {
        role = line.substring("# role: ".length()).strip();
      } else if (line.startsWith("# mentions: ")) {
        mentions.add(line.substring("# mentions: ".length()).strip());
      } else if (line.startsWith("#")) {
        continue; // why the case is hostile
      } else if (method == null) {
        String[] request = line.split(" ", 2);
        method = request[0];
        path = request[1].strip();
      } else {
        String[] header = line.split(":", 2);
        headers.put(header[0].strip(), header[1].strip());
      }
    }
    assertThat(status).as(file + ": # expect: STATUS TITLE").isNotNull();
    assertThat(role).as(file + ": # role:").isIn("platform", "owner", "viewer", "unknown", "none");
    assertThat(method).as(file + ": request line").isNotNull();
    return new Case(file.getFileName().toString(), role, status, title, mentions, method, path, headers, bytes(expand(body)));
  }

  /** {@code {{repeat:N:text}}} stands for text N times: bombs too big to keep as files. */
  static String expand(String body) {
    Matcher m = REPEAT.matcher(body);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code {{hex:c0af}}} stands for raw bytes: text that is not UTF-8 cannot be kept as a UTF-8 file. */
  static byte[] bytes(String body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Matcher m = HEX.matcher(body);
    int from = 0;
    while (m.find()) {
      out.writeBytes(body.substring(from, m.start()).getBytes(StandardCharsets.UTF_8));
      out.writeBytes(java.util.HexFormat.of().parseHex(m.group(1)));
      from = m.end();
    }
    out.writeBytes(body.substring(from).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static List<Case> corpus() throws Exception {
    Path directory = Path.of(HostileRequestCorpusTest.class.getResource("/hostile").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      List<Case> cases = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".http")).sorted().toList()) {
        cases.add(parse(file));
      }
      return cases;
    }
  }

  @Test
  void theCorpusCoversEveryKindOfAttack() throws Exception {
    List<Case> cases = corpus();

    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    // Every prefix names a family of attacks; each family has cases.
    assertThat(cases.stream().map(c -> c.file().replaceAll("-.*", "")).distinct())
        .contains("sql", "ident", "path", "url", "yaml", "json", "size", "type", "role", "bearer");
    assertThat(cases).extracting(Case::role).contains("platform", "owner", "viewer", "unknown", "none");
  }

  /**
   * Jetty caches header fields per connection and, by default, matches them case-insensitively:
   * once a connection had carried the platform token, the same token in upper case came out of the
   * cache as the original and was let in. Tokens are secrets compared byte for byte.
   */
  @Test
  void aTokenInAnotherCaseIsUnknownEvenOnAConnectionThatCarriedTheRealOne() throws Exception {
    try (IncidentApiFixture fixture = new IncidentApiFixture(STORE.database())) {
      CommandAuth auth = new CommandAuth(ApiTokens.of(Map.of("dashboards", TOKENS.get("viewer")), Map.of("dashboards", new ApiRole.Viewer())));
      try (HttpApi server = fixture.serve(auth, fixture.products(auth, Governance.none()))) {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 5; i++) {
          HttpResponse<String> real = client.send(HttpRequest.newBuilder(IncidentApiFixture.uri(server, "/api/products"))
              .header("Authorization", "Bearer " + TOKENS.get("viewer")).build(), HttpResponse.BodyHandlers.ofString());
          HttpResponse<String> upper = client.send(HttpRequest.newBuilder(IncidentApiFixture.uri(server, "/api/products"))
              .header("Authorization", "Bearer " + TOKENS.get("viewer").toUpperCase(java.util.Locale.ROOT)).build(),
              HttpResponse.BodyHandlers.ofString());

          assertThat(real.statusCode()).isEqualTo(200);
          assertThat(upper.statusCode()).as(upper.body()).isEqualTo(401);
        }
      }
    }
  }

  /**
   * One dynamic test per file: the set-up (two registered products, an open incident, their
   * workflows) is made once, and each request must leave it exactly as it was.
   */
  @TestFactory
  Stream<DynamicTest> everyHostileRequestIsRefusedAndChangesNothing() throws Exception {
    IncidentApiFixture fixture = new IncidentApiFixture(STORE.database());
    RecordingMonitorWorkflow.forget();
    CommandAuth auth = new CommandAuth(ApiTokens.of(
        Map.of("platform-ci", TOKENS.get("platform"), "orders-team", TOKENS.get("owner"), "dashboards", TOKENS.get("viewer")),
        Map.of("platform-ci", new ApiRole.Platform(), "orders-team", new ApiRole.Owner(Set.of("orders")),
            "dashboards", new ApiRole.Viewer())));
    HttpApi server = fixture.serve(auth, fixture.products(auth, Governance.none()),
        new IncidentApi(STORE.database().incidents(), fixture.actions(), auth));
    for (String spec : List.of(ProductApiTest.reference(), ProductApiTest.payments())) {
      HttpResponse<String> applied = fixture.send(HttpRequest.newBuilder(IncidentApiFixture.uri(server, "/api/products"))
          .header("Content-Type", "application/yaml").header("Authorization", "Bearer " + TOKENS.get("platform"))
          .PUT(HttpRequest.BodyPublishers.ofString(spec)).build());
      assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    }
    STORE.database().incidents().record(IncidentFixtures.transition(PAYMENTS, OPENED, 1, TransitionKind.OPENED, OPENED, null));
    String incident = fixture.startIncident(PAYMENTS, OPENED);
    // Queries answer once each workflow has run its first task, so nothing of the set-up is still on its way.
    for (ProductId product : List.of(ORDERS, PAYMENTS)) {
      awaitStarted(product.workflowId());
      fixture.client.newWorkflowStub(ProductMonitorWorkflow.class, product.workflowId()).status();
    }
    fixture.client.newWorkflowStub(IncidentWorkflow.class, incident).status();

    List<Case> cases = corpus();
    return Stream.concat(
        cases.stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> check(fixture, server, c))),
        Stream.of(DynamicTest.dynamicTest("(close)", () -> {
          server.close();
          fixture.close();
        })));
  }

  private void check(IncidentApiFixture fixture, HttpApi server, Case c) throws Exception {
    Map<String, String> before = snapshot(fixture);

    HttpResponse<String> response = send(server, c);

    assertThat(response.statusCode()).as(c.file() + ": " + response.body()).isEqualTo(c.status());
    assertThat(response.headers().firstValue("Content-Type")).as(c.file())
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).as(c.file()).isEqualTo(c.status());
    assertThat(problem.path("title").asText()).as(c.file()).isEqualTo(c.title());
    assertThat(problem.path("detail").asText()).as(c.file()).isNotBlank();
    for (String mention : c.mentions()) {
      assertThat(response.body()).as(c.file()).contains(mention);
    }
    assertThat(response.body()).as(c.file() + ": no stack frame").doesNotContain("at io.").doesNotContain("\tat ");
    // Problems quote what the request said in single quotes (a refused YAML tag such as
    // '...java.net.URL'); outside those quotes no class or exception name may appear.
    assertThat(response.body().replaceAll("'[^']*'", "''")).as(c.file() + ": no class names")
        .doesNotContain("Exception").doesNotContain("java.");
    for (String token : TOKENS.values()) {
      assertThat(response.body()).as(c.file() + ": no token echoed").doesNotContain(token);
    }
    assertThat(snapshot(fixture)).as(c.file() + ": nothing changed").isEqualTo(before);
  }

  private static HttpResponse<String> send(HttpApi server, Case c) throws Exception {
    // The raw path goes on the wire as written: %2e%2e must reach the server encoded.
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + c.path()))
        .method(c.method(), c.body().length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
    if (!c.role().equals("none")) {
      request.header("Authorization", "Bearer " + TOKENS.get(c.role()));
    }
    c.headers().forEach(request::setHeader);
    return HttpClientHolder.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A client of its own: the fixture's is closed with the fixture, and this one never follows redirects. */
  private static final class HttpClientHolder {
    static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newBuilder()
        .connectTimeout(java.time.Duration.ofSeconds(5)).build();
  }

  /**
   * Every table of the store with its row count and a digest of its rows, and every workflow start
   * and signal the recording workflows saw: equal before and after means nothing changed.
   */
  static Map<String, String> snapshot(IncidentApiFixture fixture) throws Exception {
    Map<String, String> state = new TreeMap<>();
    try (Connection connection = STORE.database().dataSource().getConnection(); Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("select table_name from information_schema.tables where table_schema = '"
          + StoreDatabase.SCHEMA + "' and table_type = 'BASE TABLE' order by table_name")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      assertThat(tables).as("registry tables").contains("products", "spec_versions", "incidents");
      for (String table : tables) {
        try (ResultSet rows = statement.executeQuery("select count(*), coalesce(md5(string_agg(t::text, '|' order by t::text)), '')"
            + " from " + StoreDatabase.SCHEMA + "." + table + " t")) {
          rows.next();
          state.put("table " + table, rows.getLong(1) + " rows, " + rows.getString(2));
        }
      }
    }
    RecordingMonitorWorkflow.STARTS.forEach((id, starts) -> state.put("starts " + id, String.valueOf(starts.get())));
    RecordingMonitorWorkflow.SIGNALS.forEach((id, signals) -> state.put("signals " + id, signals.toString()));
    RecordingIncidentWorkflow.SIGNALS.forEach((id, signals) -> state.put("signals " + id, signals.toString()));
    assertThat(state).as("the set-up is there to be changed").containsKeys("starts " + ORDERS.workflowId(), "starts " + PAYMENTS.workflowId());
    assertThat(state.get("table spec_versions")).startsWith("2 rows");
    return state;
  }

  private static void awaitStarted(String workflowId) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (RecordingMonitorWorkflow.starts(workflowId) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(RecordingMonitorWorkflow.starts(workflowId)).as("monitor " + workflowId + " started").isEqualTo(1);
  }
}
