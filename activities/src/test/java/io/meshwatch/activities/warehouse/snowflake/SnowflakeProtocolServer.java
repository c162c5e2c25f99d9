package io.meshwatch.activities.warehouse.snowflake;

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
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A local stand-in for a Snowflake account at its network boundary: an HTTP server on 127.0.0.1
 * that speaks the part of Snowflake's REST protocol the real JDBC driver uses — login
 * ({@code /session/v1/login-request}, password or key-pair JWT), statements
 * ({@code /queries/v1/query-request} with {@code sqlText} and bindings, answered as JSON result
 * sets with {@code rowtype} and {@code rowset}, or as Snowflake errors with code and SQLSTATE),
 * heartbeat and logout ({@code /session?delete=true}). It records every login, statement and
 * logout, so tests count and read exactly what the driver sent.
 *
 * <p>Statements are answered by the first matching rule; {@code ALTER SESSION} succeeds, and the
 * metadata query is answered from an {@link InformationSchemaFixture}.
 */
public final class SnowflakeProtocolServer implements AutoCloseable {

  public record Login(int session, String user, String authenticator, Map<String, String> sessionParameters,
      Map<String, String> query, boolean accepted) {}

  public record Binding(String type, String value) {}

  public record Statement(int session, String sql, List<Binding> bindings) {}

  public record Column(String name, String type) {
    public static Column fixed(String name) {
      return new Column(name, "fixed");
    }

    public static Column text(String name) {
      return new Column(name, "text");
    }

    public static Column bool(String name) {
      return new Column(name, "boolean");
    }
  }

  /** An answer to a statement: a result set (every value as its JSON text, null for NULL) or an error. */
  public sealed interface Reply {
    record Rows(List<Column> columns, List<List<String>> rows) implements Reply {}

    record Failure(int code, String sqlState, String message) implements Reply {}

    public static Reply row(List<Column> columns, String... values) {
      List<String> row = new ArrayList<>();
      for (String value : values) {
        row.add(value);
      }
      return new Rows(columns, List.of(row));
    }

    public static Reply failure(int code, String sqlState, String message) {
      return new Failure(code, sqlState, message);
    }
  }

  private record Rule(Predicate<String> sql, Function<Statement, Reply> reply) {}

  private static final String STATUS = "Statement executed successfully.";

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "snowflake-protocol-server");
    thread.setDaemon(true);
    return thread;
  });
  private final InformationSchemaFixture catalog = new InformationSchemaFixture();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Login> logins = new CopyOnWriteArrayList<>();
  private final List<Statement> statements = new CopyOnWriteArrayList<>();
  private final List<Integer> logouts = new CopyOnWriteArrayList<>();
  private final List<String> unexpected = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> sessionsByToken = new ConcurrentHashMap<>();
  private final AtomicInteger sessionCount = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String user = "meshwatch";
  private volatile String password = "s3cret";
  private volatile PublicKey publicKey;

  public SnowflakeProtocolServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The JDBC URL of this account: plain HTTP on the loopback address. */
  public String jdbcUrl() {
    return "jdbc:snowflake://127.0.0.1:" + server.getAddress().getPort() + "/?ssl=off";
  }

  public InformationSchemaFixture catalog() {
    return catalog;
  }

  public void acceptPassword(String user, String password) {
    this.user = user;
    this.password = password;
  }

  /** Accepts key-pair logins of {@code user} whose JWT verifies with {@code key}. */
  public void acceptKeyPair(String user, PublicKey key) {
    this.user = user;
    this.publicKey = key;
  }

  /** Answers statements whose text matches {@code sql}; rules added later are tried first. */
  public void on(Predicate<String> sql, Function<Statement, Reply> reply) {
    rules.add(0, new Rule(sql, reply));
  }

  public List<Login> logins() {
    return List.copyOf(logins);
  }

  public List<Statement> statements() {
    return List.copyOf(statements);
  }

  public List<String> sql() {
    return statements.stream().map(Statement::sql).toList();
  }

  public List<Integer> logouts() {
    return List.copyOf(logouts);
  }

  /** Requests the protocol subset here does not know; a test fails on any. */
  public List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  public void clear() {
    logins.clear();
    statements.clear();
    logouts.clear();
  }

  /** Stops the server; a stopped account refuses connections, as an unreachable one does. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      JsonNode body = body(exchange);
      ObjectNode reply = switch (path) {
        case "/session/v1/login-request" -> login(exchange.getRequestURI(), body);
        case "/queries/v1/query-request" -> query(exchange, body);
        case "/session" -> logout(exchange);
        case "/session/heartbeat" -> success(json.nullNode());
        default -> {
          unexpected.add(exchange.getRequestMethod() + " " + path);
          yield null;
        }
      };
      if (reply == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = json.writeValueAsBytes(reply);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private JsonNode body(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    if (raw.length == 0) {
      return json.nullNode();
    }
    InputStream in = new ByteArrayInputStream(raw);
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    return json.readTree(in);
  }

  private ObjectNode login(URI uri, JsonNode body) {
    JsonNode data = body.path("data");
    String loginName = data.path("LOGIN_NAME").asText(null);
    String authenticator = data.path("AUTHENTICATOR").asText("SNOWFLAKE");
    boolean accepted = Objects.equals(loginName, user) && (authenticator.equals("SNOWFLAKE_JWT")
        ? publicKey != null && validJwt(data.path("TOKEN").asText(""))
        : password != null && Objects.equals(data.path("PASSWORD").asText(null), password));
    Map<String, String> parameters = new LinkedHashMap<>();
    data.path("SESSION_PARAMETERS").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
    int session = accepted ? sessionCount.incrementAndGet() : 0;
    Map<String, String> query = query(uri);
    logins.add(new Login(session, loginName, authenticator, parameters, query, accepted));
    if (!accepted) {
      return failure(390100, "08004", "Incorrect username or password was specified.");
    }
    String token = "token-" + session;
    sessionsByToken.put(token, session);
    ObjectNode result = json.createObjectNode();
    result.put("token", token);
    result.put("masterToken", "master-" + session);
    result.put("validityInSeconds", 3600);
    result.put("masterValidityInSeconds", 14400);
    result.put("serverVersion", "9.0.0");
    result.put("sessionId", session);
    ArrayNode sessionParameters = result.putArray("parameters");
    sessionParameters.addObject().put("name", "AUTOCOMMIT").put("value", true);
    ObjectNode info = result.putObject("sessionInfo");
    info.put("databaseName", query.get("databaseName"));
    info.put("schemaName", query.get("schemaName"));
    info.put("warehouseName", query.get("warehouse"));
    info.put("roleName", query.get("roleName"));
    return success(result);
  }

  /** A JWT signed with RS256 by the private key of the accepted public key. */
  private boolean validJwt(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(publicKey);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private ObjectNode query(HttpExchange exchange, JsonNode body) {
    Integer session = session(exchange);
    if (session == null) {
      return failure(390112, "08001", "Your session has expired. Please login again.");
    }
    List<Binding> bindings = new ArrayList<>();
    JsonNode bound = body.path("bindings");
    for (int position = 1; bound.has(Integer.toString(position)); position++) {
      JsonNode binding = bound.get(Integer.toString(position));
      bindings.add(new Binding(binding.path("type").asText(), binding.path("value").isNull()
          ? null : binding.path("value").asText()));
    }
    Statement statement = new Statement(session, body.path("sqlText").asText(), List.copyOf(bindings));
    statements.add(statement);
    Reply reply = answer(statement);
    return switch (reply) {
      case Reply.Rows rows -> success(resultSet(rows));
      case Reply.Failure failure -> failure(failure.code(), failure.sqlState(), failure.message());
    };
  }

  private Reply answer(Statement statement) {
    for (Rule rule : rules) {
      if (rule.sql().test(statement.sql())) {
        return rule.reply().apply(statement);
      }
    }
    if (statement.sql().startsWith("ALTER SESSION ")) {
      return Reply.row(List.of(Column.text("status")), STATUS);
    }
    if (InformationSchemaFixture.answers(statement.sql())) {
      return catalog.reply(statement);
    }
    return Reply.failure(2003, "42S02", "SQL compilation error: the test account has no answer for this statement");
  }

  private ObjectNode logout(HttpExchange exchange) {
    Integer session = session(exchange);
    if (session != null && "true".equals(query(exchange.getRequestURI()).get("delete"))) {
      logouts.add(session);
    }
    return success(json.nullNode());
  }

  private Integer session(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("Snowflake Token=\"")) {
      return null;
    }
    String token = authorization.substring("Snowflake Token=\"".length(), authorization.length() - 1);
    return sessionsByToken.get(token);
  }

  private ObjectNode resultSet(Reply.Rows rows) {
    ObjectNode data = json.createObjectNode();
    data.putArray("parameters");
    ArrayNode rowtype = data.putArray("rowtype");
    for (Column column : rows.columns()) {
      ObjectNode type = rowtype.addObject();
      type.put("name", column.name());
      type.put("type", column.type());
      type.put("nullable", true);
      type.put("database", "");
      type.put("schema", "");
      type.put("table", "");
      type.putNull("collation");
      if (column.type().equals("fixed")) {
        type.put("scale", 0);
        type.put("precision", 38);
        type.putNull("byteLength");
        type.putNull("length");
      } else {
        type.putNull("scale");
        type.putNull("precision");
        type.put("byteLength", 16_777_216);
        type.put("length", 16_777_216);
      }
    }
    ArrayNode rowset = data.putArray("rowset");
    for (List<String> row : rows.rows()) {
      ArrayNode values = rowset.addArray();
      row.forEach(values::add);
    }
    data.put("total", rows.rows().size());
    data.put("returned", rows.rows().size());
    data.put("queryId", "01-" + statements.size());
    data.put("queryResultFormat", "json");
    data.put("statementTypeId", 4096);
    data.put("version", 1);
    data.put("numberOfBinds", 0);
    data.put("arrayBindSupported", false);
    return data;
  }

  private ObjectNode success(JsonNode data) {
    ObjectNode reply = json.createObjectNode();
    reply.set("data", data);
    reply.putNull("code");
    reply.putNull("message");
    reply.put("success", true);
    return reply;
  }

  private ObjectNode failure(int code, String sqlState, String message) {
    ObjectNode reply = json.createObjectNode();
    ObjectNode data = reply.putObject("data");
    String errorCode = String.format("%06d", code);
    data.put("errorCode", errorCode);
    data.put("sqlState", sqlState);
    data.put("internalError", false);
    data.put("queryId", "01-error");
    reply.put("code", errorCode);
    reply.put("message", message);
    reply.put("success", false);
    return reply;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() == null) {
      return query;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }
}
