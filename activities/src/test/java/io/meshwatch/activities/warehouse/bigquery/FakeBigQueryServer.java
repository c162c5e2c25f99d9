package io.meshwatch.activities.warehouse.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * BigQuery at its network boundary: a local HTTP server on 127.0.0.1 that speaks the REST calls
 * meshwatch makes ({@code tables.get}, {@code jobs.insert} with and without {@code dryRun},
 * {@code jobs.get}, {@code jobs.getQueryResults}, {@code tabledata.list}, {@code jobs.cancel}) with
 * responses shaped as BigQuery's: int64 values as strings, rows as {@code f}/{@code v} cells, errors
 * as {@code {"error": {"code", "message", "errors": [{"reason", ...}]}}}. It records every request
 * (gzip bodies unpacked) so tests can assert what the real client sent. Queries are answered by a
 * function the test sets; jobs finish after a given number of {@code jobs.get} polls.
 */
public final class FakeBigQueryServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "/bigquery/v2/projects/([^/]+)";
  private static final Pattern TABLE = Pattern.compile(BASE + "/datasets/([^/]+)/tables/([^/]+)");
  private static final Pattern TABLE_DATA = Pattern.compile(BASE + "/datasets/([^/]+)/tables/([^/]+)/data");
  private static final Pattern JOBS = Pattern.compile(BASE + "/jobs");
  private static final Pattern JOB = Pattern.compile(BASE + "/jobs/([^/]+)");
  private static final Pattern CANCEL = Pattern.compile(BASE + "/jobs/([^/]+)/cancel");
  private static final Pattern QUERY_RESULTS = Pattern.compile(BASE + "/queries/([^/]+)");
  static final String ANONYMOUS_DATASET = "_meshwatch_results";
  /** Where a service-account key of the tests exchanges its signed assertion for an access token. */
  public static final String TOKEN_PATH = "/token";
  public static final String ACCESS_TOKEN = "local-access-token";

  /**
   * One request as the server received it; {@code body} is null for requests without one (a form
   * body, as OAuth token requests send, is kept as text in {@code form}).
   */
  public record Request(String method, String path, Map<String, String> query, JsonNode body, String form,
      String authorization) {

    /** The query job configuration of a {@code jobs.insert}. */
    public JsonNode queryConfiguration() {
      return body.path("configuration").path("query");
    }

    public boolean dryRun() {
      return body.path("configuration").path("dryRun").asBoolean(false);
    }
  }

  /** A column of a table or a result: a legacy REST type name ({@code INTEGER}, {@code TIMESTAMP}) and a mode. */
  public record Column(String name, String type, String mode) {
    public static Column of(String name, String type) {
      return new Column(name, type, "NULLABLE");
    }
  }

  /** A table as {@code tables.get} describes it; {@code type} is TABLE, VIEW, EXTERNAL, ... */
  public record TableResource(String project, String dataset, String table, String type, List<Column> columns,
      Long numRows, Long numBytes, Instant lastModified, String partitionField, String partitionType,
      Long streamingRows) {

    public static TableResource table(String project, String dataset, String table, List<Column> columns, long rows,
        long bytes, Instant lastModified) {
      return new TableResource(project, dataset, table, "TABLE", columns, rows, bytes, lastModified, null, null, null);
    }

    public TableResource partitionedBy(String field, String type) {
      return new TableResource(project, dataset, table, this.type, columns, numRows, numBytes, lastModified, field, type,
          streamingRows);
    }

    public TableResource streaming(long rows) {
      return new TableResource(project, dataset, table, type, columns, numRows, numBytes, lastModified, partitionField,
          partitionType, rows);
    }

    public TableResource asView() {
      return new TableResource(project, dataset, table, "VIEW", columns, null, null, lastModified, null, null, null);
    }
  }

  /** What a submitted query job does. */
  public sealed interface Answer {
    /** A dry run's estimate. */
    record DryRun(long bytesProcessed) implements Answer {}

    /** A job that finishes after {@code polls} {@code jobs.get} calls with one result row. */
    record Rows(List<Column> schema, List<String> row, long bytesProcessed, long bytesBilled, int polls)
        implements Answer {}

    /** {@code jobs.insert} itself fails with an HTTP error. */
    record Refused(int status, String reason, String message) implements Answer {}

    /** The job is created and ends with an error result. */
    record Failed(String reason, String message) implements Answer {}

    /** The job runs and never finishes (until cancelled). */
    record Running() implements Answer {}
  }

  /** A query job as the server keeps it. */
  private static final class FakeJob {
    final String project;
    final String id;
    final String location;
    final JsonNode configuration;
    final Answer answer;
    final AtomicInteger pollsLeft;
    volatile boolean cancelled;

    FakeJob(String project, String id, String location, JsonNode configuration, Answer answer) {
      this.project = project;
      this.id = id;
      this.location = location;
      this.configuration = configuration;
      this.answer = answer;
      this.pollsLeft = new AtomicInteger(answer instanceof Answer.Rows rows ? rows.polls() : 1);
    }

    boolean done() {
      return cancelled || switch (answer) {
        case Answer.Running running -> false;
        case Answer.Rows rows -> pollsLeft.get() <= 0;
        case Answer.Failed failed -> pollsLeft.get() <= 0;
        case Answer.DryRun dryRun -> true;
        case Answer.Refused refused -> true;
      };
    }
  }

  /** A canned HTTP error for matching requests, {@code times} times. */
  private record Fault(String method, Pattern path, int status, String reason, String message, AtomicInteger times) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, TableResource> tables = new ConcurrentHashMap<>();
  private final Map<String, FakeJob> jobs = new ConcurrentHashMap<>();
  private final List<String> jobOrder = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Answer> answers = request -> request.dryRun()
      ? new Answer.DryRun(0)
      : new Answer.Refused(400, "invalidQuery", "no answer configured");

  private FakeBigQueryServer(HttpServer server) {
    this.server = server;
  }

  public static FakeBigQueryServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeBigQueryServer fake = new FakeBigQueryServer(server);
      server.createContext("/", fake::handle);
      server.setExecutor(fake.executor);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The endpoint to give the client ({@code BigQueryOptions.setHost}). */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void putTable(TableResource table) {
    tables.put(table.project() + "." + table.dataset() + "." + table.table(), table);
  }

  /** Answers every {@code jobs.insert} with what {@code answers} returns for it. */
  public void answer(Function<Request, Answer> answers) {
    this.answers = Objects.requireNonNull(answers);
  }

  /** Fails the next {@code times} requests of {@code method} whose path matches {@code pathRegex}. */
  public void fail(String method, String pathRegex, int status, String reason, String message, int times) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), status, reason, message, new AtomicInteger(times)));
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests of one REST method: {@code tables.get}, {@code jobs.insert}, {@code jobs.get}, ... */
  public List<Request> requests(String restMethod) {
    return requests.stream().filter(r -> restMethod.equals(restMethod(r))).toList();
  }

  public void clearRequests() {
    requests.clear();
  }

  /** Names a recorded request by the REST method it calls. */
  public static String restMethod(Request r) {
    String path = r.path();
    if (r.method().equals("GET") && TABLE_DATA.matcher(path).matches()) {
      return "tabledata.list";
    }
    if (r.method().equals("GET") && TABLE.matcher(path).matches()) {
      return "tables.get";
    }
    if (r.method().equals("POST") && JOBS.matcher(path).matches()) {
      return "jobs.insert";
    }
    if (r.method().equals("POST") && CANCEL.matcher(path).matches()) {
      return "jobs.cancel";
    }
    if (r.method().equals("GET") && JOB.matcher(path).matches()) {
      return "jobs.get";
    }
    if (r.method().equals("GET") && QUERY_RESULTS.matcher(path).matches()) {
      return "jobs.getQueryResults";
    }
    if (r.method().equals("POST") && path.equals(TOKEN_PATH)) {
      return "oauth2.token";
    }
    return "unknown";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = read(exchange);
      requests.add(request);
      for (Fault fault : faults) {
        if (fault.method().equals(request.method()) && fault.path().matcher(request.path()).matches()
            && fault.times().getAndDecrement() > 0) {
          send(exchange, fault.status(), error(fault.status(), fault.reason(), fault.message()));
          return;
        }
      }
      route(exchange, request);
    }
  }

  private void route(HttpExchange exchange, Request request) throws IOException {
    String path = request.path();
    Matcher m;
    switch (restMethod(request)) {
      case "tables.get" -> {
        m = matched(TABLE, path);
        TableResource table = tables.get(m.group(1) + "." + m.group(2) + "." + m.group(3));
        if (table == null) {
          send(exchange, 404, error(404, "notFound", "Not found: Table " + m.group(1) + ":" + m.group(2) + "." + m.group(3)));
        } else {
          send(exchange, 200, tableJson(table));
        }
      }
      case "jobs.insert" -> insert(exchange, request, matched(JOBS, path).group(1));
      case "jobs.get" -> {
        m = matched(JOB, path);
        FakeJob job = jobs.get(m.group(2));
        if (job == null) {
          send(exchange, 404, error(404, "notFound", "Not found: Job " + m.group(1) + ":" + m.group(2)));
          return;
        }
        job.pollsLeft.decrementAndGet();
        send(exchange, 200, jobJson(job));
      }
      case "jobs.getQueryResults" -> queryResults(exchange, request, matched(QUERY_RESULTS, path).group(2));
      case "tabledata.list" -> {
        m = matched(TABLE_DATA, path);
        FakeJob job = jobs.get(m.group(3).substring("anon_".length()));
        if (job == null || !(job.answer instanceof Answer.Rows rows)) {
          send(exchange, 404, error(404, "notFound", "Not found: Table " + m.group(3)));
          return;
        }
        ObjectNode list = JSON.createObjectNode().put("kind", "bigquery#tableDataList").put("totalRows", "1");
        list.set("rows", rowsJson(rows.row()));
        send(exchange, 200, list);
      }
      case "oauth2.token" -> send(exchange, 200, JSON.createObjectNode().put("access_token", ACCESS_TOKEN)
          .put("expires_in", 3600).put("token_type", "Bearer"));
      case "jobs.cancel" -> {
        m = matched(CANCEL, path);
        FakeJob job = jobs.get(m.group(2));
        if (job == null) {
          send(exchange, 404, error(404, "notFound", "Not found: Job " + m.group(2)));
          return;
        }
        job.cancelled = true;
        ObjectNode response = JSON.createObjectNode().put("kind", "bigquery#jobCancelResponse");
        response.set("job", jobJson(job));
        send(exchange, 200, response);
      }
      default -> send(exchange, 404, error(404, "notFound", "no such method in the local server: " + request.method()
          + " " + path));
    }
  }

  private void insert(HttpExchange exchange, Request request, String project) throws IOException {
    Answer answer = answers.apply(request);
    JsonNode reference = request.body().path("jobReference");
    String id = reference.path("jobId").asText("job_" + jobs.size());
    String location = reference.path("location").asText("US");
    switch (answer) {
      case Answer.Refused refused -> send(exchange, refused.status(), error(refused.status(), refused.reason(),
          refused.message()));
      case Answer.DryRun dryRun -> {
        ObjectNode job = JSON.createObjectNode().put("kind", "bigquery#job");
        job.putObject("jobReference").put("projectId", project).put("location", location);
        job.set("configuration", request.body().path("configuration").deepCopy());
        job.putObject("status").put("state", "DONE");
        ObjectNode statistics = job.putObject("statistics")
            .put("creationTime", "1718000000000").put("totalBytesProcessed", Long.toString(dryRun.bytesProcessed()));
        statistics.putObject("query").put("totalBytesProcessed", Long.toString(dryRun.bytesProcessed()))
            .put("totalBytesBilled", "0").put("cacheHit", false).put("statementType", "SELECT");
        send(exchange, 200, job);
      }
      case Answer.Rows rows -> created(exchange, project, id, location, request, answer);
      case Answer.Failed failed -> created(exchange, project, id, location, request, answer);
      case Answer.Running running -> created(exchange, project, id, location, request, answer);
    }
  }

  private void created(HttpExchange exchange, String project, String id, String location, Request request,
      Answer answer) throws IOException {
    if (jobs.containsKey(id)) {
      send(exchange, 409, error(409, "duplicate", "Already Exists: Job " + project + ":" + location + "." + id));
      return;
    }
    FakeJob job = new FakeJob(project, id, location, request.body().path("configuration"), answer);
    jobs.put(id, job);
    jobOrder.add(id);
    send(exchange, 200, jobJson(job));
  }

  private void queryResults(HttpExchange exchange, Request request, String id) throws IOException {
    FakeJob job = jobs.get(id);
    if (job == null) {
      send(exchange, 404, error(404, "notFound", "Not found: Job " + id));
      return;
    }
    if (job.done() && job.answer instanceof Answer.Failed failed) {
      send(exchange, 400, error(400, failed.reason(), failed.message()));
      return;
    }
    ObjectNode response = JSON.createObjectNode().put("kind", "bigquery#getQueryResultsResponse");
    response.set("jobReference", reference(job));
    response.put("jobComplete", job.done());
    if (job.done() && job.answer instanceof Answer.Rows rows) {
      response.set("schema", schemaJson(rows.schema()));
      response.put("totalRows", "1").put("totalBytesProcessed", Long.toString(rows.bytesProcessed()))
          .put("cacheHit", false);
      if (!"0".equals(request.query().get("maxResults"))) {
        response.set("rows", rowsJson(rows.row()));
      }
    }
    send(exchange, 200, response);
  }

  private ObjectNode jobJson(FakeJob job) {
    ObjectNode json = JSON.createObjectNode().put("kind", "bigquery#job")
        .put("id", job.project + ":" + job.location + "." + job.id);
    json.set("jobReference", reference(job));
    ObjectNode configuration = job.configuration.deepCopy();
    ((ObjectNode) configuration.path("query")).putObject("destinationTable")
        .put("projectId", job.project).put("datasetId", ANONYMOUS_DATASET).put("tableId", "anon_" + job.id);
    json.set("configuration", configuration);
    ObjectNode statistics = json.putObject("statistics").put("creationTime", "1718000000000")
        .put("startTime", "1718000000100");
    ObjectNode status = json.putObject("status");
    if (!job.done()) {
      status.put("state", "RUNNING");
      return json;
    }
    status.put("state", "DONE");
    statistics.put("endTime", "1718000001000");
    switch (job.answer) {
      case Answer.Rows rows -> {
        statistics.put("totalBytesProcessed", Long.toString(rows.bytesProcessed()));
        ObjectNode query = statistics.putObject("query")
            .put("totalBytesProcessed", Long.toString(rows.bytesProcessed()))
            .put("totalBytesBilled", Long.toString(rows.bytesBilled()))
            .put("cacheHit", false).put("statementType", "SELECT");
        query.set("schema", schemaJson(rows.schema()));
      }
      case Answer.Failed failed -> {
        ObjectNode error = JSON.createObjectNode().put("reason", failed.reason()).put("message", failed.message());
        status.set("errorResult", error);
        status.putArray("errors").add(error.deepCopy());
        statistics.putObject("query").put("totalBytesProcessed", "0").put("totalBytesBilled", "0");
      }
      case Answer.Running running -> {
        ObjectNode error = JSON.createObjectNode().put("reason", "stopped").put("message", "Job execution was cancelled");
        status.set("errorResult", error);
      }
      case Answer.DryRun dryRun -> {}
      case Answer.Refused refused -> {}
    }
    return json;
  }

  private static ObjectNode reference(FakeJob job) {
    return JSON.createObjectNode().put("projectId", job.project).put("jobId", job.id).put("location", job.location);
  }

  private static ObjectNode tableJson(TableResource t) {
    ObjectNode json = JSON.createObjectNode().put("kind", "bigquery#table")
        .put("id", t.project() + ":" + t.dataset() + "." + t.table()).put("type", t.type()).put("location", "US")
        .put("creationTime", "1700000000000")
        .put("lastModifiedTime", Long.toString(t.lastModified().toEpochMilli()));
    json.putObject("tableReference").put("projectId", t.project()).put("datasetId", t.dataset()).put("tableId", t.table());
    json.set("schema", schemaJson(t.columns()));
    if (t.numRows() != null) {
      json.put("numRows", Long.toString(t.numRows()));
    }
    if (t.numBytes() != null) {
      json.put("numBytes", Long.toString(t.numBytes()));
    }
    if (t.partitionType() != null) {
      ObjectNode partitioning = json.putObject("timePartitioning").put("type", t.partitionType());
      if (t.partitionField() != null) {
        partitioning.put("field", t.partitionField());
      }
    }
    if (t.streamingRows() != null) {
      json.putObject("streamingBuffer").put("estimatedRows", Long.toString(t.streamingRows()))
          .put("estimatedBytes", "1024").put("oldestEntryTime", "1718000000000");
    }
    if ("VIEW".equals(t.type())) {
      json.putObject("view").put("query", "SELECT 1").put("useLegacySql", false);
    }
    return json;
  }

  private static ObjectNode schemaJson(List<Column> columns) {
    ObjectNode schema = JSON.createObjectNode();
    ArrayNode fields = schema.putArray("fields");
    for (Column column : columns) {
      fields.addObject().put("name", column.name()).put("type", column.type()).put("mode", column.mode());
    }
    return schema;
  }

  private static ArrayNode rowsJson(List<String> values) {
    ArrayNode rows = JSON.createArrayNode();
    ArrayNode cells = rows.addObject().putArray("f");
    for (String value : values) {
      cells.addObject().put("v", value);
    }
    return rows;
  }

  private static ObjectNode error(int status, String reason, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error").put("code", status).put("message", message);
    error.putArray("errors").addObject().put("message", message).put("domain", "global").put("reason", reason);
    error.put("status", status == 404 ? "NOT_FOUND" : status == 403 ? "PERMISSION_DENIED" : "INVALID_ARGUMENT");
    return body;
  }

  private static Matcher matched(Pattern pattern, String path) {
    Matcher matcher = pattern.matcher(path);
    if (!matcher.matches()) {
      throw new IllegalStateException(path);
    }
    return matcher;
  }

  private static Request read(HttpExchange exchange) throws IOException {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    JsonNode body = null;
    String form = null;
    if (bytes.length > 0) {
      InputStream in = new ByteArrayInputStream(bytes);
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
        form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } else {
        body = JSON.readTree(in);
      }
    }
    return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query, body, form,
        exchange.getRequestHeaders().getFirst("Authorization"));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /**
   * The answer a fused scan gets: a dry-run estimate of {@code bytesProcessed}, or one row of
   * {@code row}'s values typed as the planner renders its columns (an aggregate predicate,
   * rendered {@code ((...))}, comes back as a BOOL; every other column is a count), billed at
   * least BigQuery's 10 MiB minimum, done after one poll.
   */
  public static Answer scanAnswer(Request request, List<String> row, long bytesProcessed) {
    if (request.dryRun()) {
      return new Answer.DryRun(bytesProcessed);
    }
    // Column i is the text between " AS m(i-1), " and " AS mi".
    String[] columns = request.queryConfiguration().path("query").asText().split(" AS m");
    List<Column> schema = new java.util.ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      boolean truth = columns[i].replaceFirst("^\\d+, ", "").startsWith("((");
      schema.add(Column.of("m" + i, truth ? "BOOLEAN" : "INTEGER"));
    }
    return new Answer.Rows(schema, row, bytesProcessed, Math.max(bytesProcessed, 10L << 20), 1);
  }

  /** The job ids the server has created, oldest first. */
  public List<String> jobIds() {
    return List.copyOf(jobOrder);
  }

  /** Whether the job was cancelled through {@code jobs.cancel}. */
  public boolean cancelled(String jobId) {
    FakeJob job = jobs.get(jobId);
    return job != null && job.cancelled;
  }
}
