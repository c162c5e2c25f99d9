package io.meshwatch.alerts.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Slack's Web API, for tests: the methods meshwatch uses ({@code chat.postMessage},
 * {@code chat.update}, {@code users.lookupByEmail}, {@code conversations.open}, {@code
 * conversations.history}, {@code conversations.replies}), with form or JSON bodies as Slack accepts
 * them, answers shaped like Slack's ({@code channel_not_found}, {@code users_not_found}, {@code
 * invalid_auth}, {@code message_not_found}, ...), and Slack's per-channel posting limit: a post closer
 * than {@code postInterval} to the channel's previous one is refused with HTTP 429 and {@code
 * Retry-After}. It records every call, and keeps channels, threads and message metadata so a test can
 * read back what a channel shows.
 *
 * <p>Point the real client at {@link #apiBaseUrl()} ({@code SlackConfig#setMethodsEndpointUrlPrefix}).
 */
public final class LocalSlackServer implements AutoCloseable {

  /** One call as the server saw it. {@code params} never holds the token. */
  public record Call(String method, Map<String, String> params, int status, String error, Instant at) {
    public boolean ok() {
      return status == 200 && error == null;
    }
  }

  /** A message as a channel shows it; {@code threadTs} is null for a top-level message. */
  public record StoredMessage(String channel, String ts, String threadTs, String text, JsonNode blocks,
      JsonNode metadata, Instant postedAt) {

    public boolean topLevel() {
      return threadTs == null;
    }

    /** {@code metadata.event_payload.key}, or null. */
    public String metadataKey() {
      return metadata == null ? null : metadata.path("event_payload").path("key").asText(null);
    }

    /** The keys of a digest's members ({@code metadata.event_payload.members[].key}). */
    public List<String> memberKeys() {
      List<String> keys = new ArrayList<>();
      if (metadata != null) {
        metadata.path("event_payload").path("members").forEach(m -> keys.add(m.path("key").asText()));
      }
      return keys;
    }

    /** Everything a reader could see: the text and the blocks as JSON. */
    public String visible() {
      return text + "\n" + (blocks == null ? "" : blocks.toString());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOT_ID = "B0MESHWATCH";

  private final String token;
  private final Clock clock;
  private final Duration postInterval;
  private final HttpServer server;
  private final ExecutorService executor;

  private final Object lock = new Object();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, String> channelNames = new HashMap<>();
  private final Map<String, String> usersByEmail = new HashMap<>();
  private final Map<String, List<StoredMessage>> messages = new HashMap<>();
  private final Map<String, Instant> lastPost = new HashMap<>();
  private final Map<String, Queue<String>> failures = new HashMap<>();
  private final Map<String, Integer> drops = new HashMap<>();
  private final Queue<Answer> outage = new ArrayDeque<>();
  private final Map<String, Integer> holds = new HashMap<>();
  private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
  private int holding;
  private long lastTsMicros;

  private LocalSlackServer(String token, Clock clock, Duration postInterval) throws IOException {
    this.token = Objects.requireNonNull(token, "token");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.postInterval = Objects.requireNonNull(postInterval, "postInterval");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.executor = Executors.newFixedThreadPool(16);
    server.setExecutor(executor);
    server.createContext("/api/", this::handle);
    server.start();
  }

  /** A server that accepts {@code token}, on the system clock, with Slack's one post per second per channel. */
  public static LocalSlackServer start(String token) throws IOException {
    return start(token, Clock.systemUTC(), Duration.ofSeconds(1));
  }

  public static LocalSlackServer start(String token, Clock clock, Duration postInterval) throws IOException {
    return new LocalSlackServer(token, clock, postInterval);
  }

  /** The base URL to give the client: {@code http://127.0.0.1:<port>/api/}. */
  public String apiBaseUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/api/";
  }

  /** A public channel the bot is in: posts may name it by id or by name. */
  public LocalSlackServer addChannel(String id, String name) {
    synchronized (lock) {
      channelNames.put(id, name);
      messages.putIfAbsent(id, new ArrayList<>());
    }
    return this;
  }

  public LocalSlackServer addUser(String id, String email) {
    synchronized (lock) {
      usersByEmail.put(email.toLowerCase(Locale.ROOT), id);
    }
    return this;
  }

  /** The next call of {@code method} answers {@code "ok": false} with {@code error}. */
  public void failNext(String method, String error) {
    synchronized (lock) {
      failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(error);
    }
  }

  /**
   * The next call of {@code method} is carried out (a post is stored) but its answer is cut off, as
   * when a connection drops after Slack acted: the client sees an I/O error.
   */
  public void dropNextResponse(String method) {
    synchronized (lock) {
      drops.merge(method, 1, Integer::sum);
    }
  }

  /**
   * The next {@code times} calls, whatever their method, answer HTTP {@code status} with {@code
   * headers} and change nothing, as Slack does in an outage (500, 503) or when it throttles a
   * whole workspace (429 with {@code Retry-After}). Queued outages are served in order.
   */
  public void failHttp(int status, Map<String, String> headers, int times) {
    synchronized (lock) {
      for (int i = 0; i < times; i++) {
        outage.add(new Answer(status, failure(status == 429 ? "ratelimited" : "internal_error"), Map.copyOf(headers)));
      }
    }
  }

  /** Calls still to be answered by {@link #failHttp}. */
  public int outageLeft() {
    synchronized (lock) {
      return outage.size();
    }
  }

  /**
   * The next call of {@code method} is carried out (a post is stored and visible in the channel)
   * and its answer held back until {@link #releaseHeld()}, as when Slack acted but the caller dies
   * before it reads the answer.
   */
  public void holdNextResponse(String method) {
    synchronized (lock) {
      holds.merge(method, 1, Integer::sum);
    }
  }

  /** How many answers are held back now. */
  public int holding() {
    synchronized (lock) {
      return holding;
    }
  }

  /** Sends every held answer (to whoever still listens) and holds no more. */
  public void releaseHeld() {
    released.countDown();
  }

  public List<Call> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  public List<Call> calls(String method) {
    return calls().stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Posts Slack accepted (not those refused with 429 or an error). */
  public List<Call> acceptedPosts() {
    return calls("chat.postMessage").stream().filter(Call::ok).toList();
  }

  public long rateLimitedCalls() {
    return calls().stream().filter(c -> c.status() == 429).count();
  }

  /** The channel's top-level messages, oldest first. */
  public List<StoredMessage> messages(String channel) {
    synchronized (lock) {
      return messages.getOrDefault(channel, List.of()).stream().filter(StoredMessage::topLevel).toList();
    }
  }

  /** The replies in a thread, oldest first. */
  public List<StoredMessage> replies(String channel, String threadTs) {
    synchronized (lock) {
      return messages.getOrDefault(channel, List.of()).stream().filter(m -> threadTs.equals(m.threadTs())).toList();
    }
  }

  /** A message by channel and ts, as it stands now (edits applied). */
  public StoredMessage message(String channel, String ts) {
    synchronized (lock) {
      return messages.getOrDefault(channel, List.of()).stream().filter(m -> m.ts().equals(ts)).findFirst().orElse(null);
    }
  }

  /** Every message in every channel, threads included. */
  public List<StoredMessage> allMessages() {
    synchronized (lock) {
      return messages.values().stream().flatMap(List::stream).toList();
    }
  }

  /** The direct-message channel with a user, as {@code conversations.open} and posts to the user id name it. */
  public static String directChannel(String userId) {
    return "D" + userId.substring(1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private record Answer(int status, ObjectNode body, Map<String, String> headers) {}

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      Map<String, String> params = params(exchange);
      Answer answer;
      boolean drop;
      boolean hold;
      synchronized (lock) {
        // One instant per call: the one the limit is judged at is the one recorded.
        Instant now = clock.instant();
        answer = answer(method, params, authorization(exchange, params), now);
        Map<String, String> recorded = new LinkedHashMap<>(params);
        recorded.remove("token");
        String error = answer.body().path("ok").asBoolean() ? null : answer.body().path("error").asText(null);
        calls.add(new Call(method, Map.copyOf(recorded), answer.status(), error, now));
        drop = answer.status() == 200 && drops.getOrDefault(method, 0) > 0;
        if (drop) {
          drops.merge(method, -1, Integer::sum);
        }
        hold = answer.status() == 200 && holds.getOrDefault(method, 0) > 0;
        if (hold) {
          holds.merge(method, -1, Integer::sum);
          holding++;
        }
      }
      if (hold) {
        try {
          released.await(10, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          synchronized (lock) {
            holding--;
          }
        }
      }
      byte[] bytes = JSON.writeValueAsBytes(answer.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      if (drop) {
        // Promise the whole body, send half: the client reads an unexpected end of stream.
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
        exchange.getResponseBody().flush();
        return;
      }
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private String authorization(HttpExchange exchange, Map<String, String> params) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.startsWith("Bearer ")) {
      return header.substring("Bearer ".length());
    }
    return params.get("token");
  }

  private Answer answer(String method, Map<String, String> params, String presented, Instant now) {
    if (presented == null || presented.isBlank()) {
      return error("not_authed");
    }
    if (!presented.equals(token)) {
      return error("invalid_auth");
    }
    Answer down = outage.poll();
    if (down != null) {
      return down;
    }
    Queue<String> queued = failures.get(method);
    if (queued != null && !queued.isEmpty()) {
      return error(queued.poll());
    }
    return switch (method) {
      case "chat.postMessage" -> postMessage(params, now);
      case "chat.update" -> update(params);
      case "users.lookupByEmail" -> lookupByEmail(params);
      case "conversations.open" -> open(params);
      case "conversations.history" -> history(params);
      case "conversations.replies" -> replies(params);
      default -> new Answer(404, failure("unknown_method"), Map.of());
    };
  }

  private Answer postMessage(Map<String, String> params, Instant now) {
    String channel = resolvePostTarget(params.get("channel"));
    if (channel == null) {
      return error("channel_not_found");
    }
    Instant last = lastPost.get(channel);
    if (last != null && Duration.between(last, now).compareTo(postInterval) < 0) {
      Duration left = postInterval.minus(Duration.between(last, now));
      long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
      return new Answer(429, failure("ratelimited"), Map.of("Retry-After", Long.toString(seconds)));
    }
    String text = params.getOrDefault("text", "");
    JsonNode blocks = parse(params.get("blocks"));
    if (params.containsKey("blocks") && (blocks == null || !blocks.isArray())) {
      return error("invalid_blocks_format");
    }
    if (blocks != null && blocks.size() > SlackMessage.MAX_BLOCKS) {
      return error("invalid_blocks");
    }
    if (text.isBlank() && (blocks == null || blocks.isEmpty())) {
      return error("no_text");
    }
    JsonNode metadata = parse(params.get("metadata"));
    if (params.containsKey("metadata")
        && (metadata == null || !metadata.hasNonNull("event_type") || !metadata.path("event_payload").isObject())) {
      return error("invalid_metadata_format");
    }
    String requestedThread = params.get("thread_ts");
    String threadTs = requestedThread == null || requestedThread.isBlank() ? null : requestedThread;
    if (threadTs != null
        && messages.get(channel).stream().noneMatch(m -> m.topLevel() && m.ts().equals(threadTs))) {
      return error("thread_not_found");
    }
    StoredMessage message = new StoredMessage(channel, nextTs(now), threadTs, text, blocks, metadata, now);
    messages.get(channel).add(message);
    lastPost.put(channel, now);
    ObjectNode body = ok();
    body.put("channel", channel);
    body.put("ts", message.ts());
    body.set("message", json(message, true));
    return new Answer(200, body, Map.of());
  }

  private Answer update(Map<String, String> params) {
    String channel = params.get("channel");
    if (channel == null || !messages.containsKey(channel)) {
      return error("channel_not_found");
    }
    List<StoredMessage> list = messages.get(channel);
    String ts = params.get("ts");
    for (int i = 0; i < list.size(); i++) {
      StoredMessage old = list.get(i);
      if (old.ts().equals(ts)) {
        JsonNode blocks = params.containsKey("blocks") ? parse(params.get("blocks")) : old.blocks();
        if (blocks != null && blocks.size() > SlackMessage.MAX_BLOCKS) {
          return error("invalid_blocks");
        }
        JsonNode metadata = params.containsKey("metadata") ? parse(params.get("metadata")) : old.metadata();
        StoredMessage edited = new StoredMessage(channel, ts, old.threadTs(), params.getOrDefault("text", old.text()),
            blocks, metadata, old.postedAt());
        list.set(i, edited);
        ObjectNode body = ok();
        body.put("channel", channel);
        body.put("ts", ts);
        body.put("text", edited.text());
        body.set("message", json(edited, true));
        return new Answer(200, body, Map.of());
      }
    }
    return error("message_not_found");
  }

  private Answer lookupByEmail(Map<String, String> params) {
    String email = params.get("email");
    String id = email == null ? null : usersByEmail.get(email.toLowerCase(Locale.ROOT));
    if (id == null) {
      return error("users_not_found");
    }
    ObjectNode body = ok();
    ObjectNode user = body.putObject("user");
    user.put("id", id);
    user.put("team_id", "T0LOCAL");
    user.put("name", email.substring(0, email.indexOf('@')));
    user.put("deleted", false);
    user.put("is_bot", false);
    user.putObject("profile").put("email", email);
    return new Answer(200, body, Map.of());
  }

  private Answer open(Map<String, String> params) {
    String users = params.get("users");
    if (users == null || users.contains(",") || !usersByEmail.containsValue(users)) {
      return error("user_not_found");
    }
    String channel = directChannel(users);
    messages.putIfAbsent(channel, new ArrayList<>());
    ObjectNode body = ok();
    body.putObject("channel").put("id", channel);
    return new Answer(200, body, Map.of());
  }

  private Answer history(Map<String, String> params) {
    String channel = params.get("channel");
    if (channel == null || !messages.containsKey(channel)) {
      return error("channel_not_found");
    }
    List<StoredMessage> found = new ArrayList<>(messages.get(channel).stream().filter(StoredMessage::topLevel)
        .filter(m -> after(m, params.get("oldest"))).toList());
    found.sort(Comparator.comparing(StoredMessage::ts).reversed());
    return page(found, params);
  }

  private Answer replies(Map<String, String> params) {
    String channel = params.get("channel");
    if (channel == null || !messages.containsKey(channel)) {
      return error("channel_not_found");
    }
    String ts = params.get("ts");
    List<StoredMessage> all = messages.get(channel);
    StoredMessage parent = all.stream().filter(m -> m.topLevel() && m.ts().equals(ts)).findFirst().orElse(null);
    if (parent == null) {
      return error("thread_not_found");
    }
    List<StoredMessage> found = new ArrayList<>();
    found.add(parent);
    all.stream().filter(m -> ts.equals(m.threadTs())).filter(m -> after(m, params.get("oldest"))).forEach(found::add);
    return page(found, params);
  }

  private Answer page(List<StoredMessage> found, Map<String, String> params) {
    boolean metadata = "true".equals(params.get("include_all_metadata")) || "1".equals(params.get("include_all_metadata"));
    int limit = params.containsKey("limit") ? Math.max(1, Math.min(999, Integer.parseInt(params.get("limit")))) : 100;
    int offset = params.containsKey("cursor") && !params.get("cursor").isBlank()
        ? Integer.parseInt(params.get("cursor").substring("offset:".length())) : 0;
    ObjectNode body = ok();
    ArrayNode list = body.putArray("messages");
    int end = Math.min(found.size(), offset + limit);
    for (StoredMessage m : found.subList(Math.min(offset, end), end)) {
      list.add(json(m, metadata));
    }
    body.put("has_more", end < found.size());
    body.putObject("response_metadata").put("next_cursor", end < found.size() ? "offset:" + end : "");
    return new Answer(200, body, Map.of());
  }

  private static boolean after(StoredMessage message, String oldest) {
    return oldest == null || oldest.isBlank() || new java.math.BigDecimal(message.ts()).compareTo(new java.math.BigDecimal(oldest)) > 0;
  }

  private String resolvePostTarget(String channel) {
    if (channel == null || channel.isBlank()) {
      return null;
    }
    if (channelNames.containsKey(channel)) {
      return channel;
    }
    String name = channel.startsWith("#") ? channel.substring(1) : channel;
    for (Map.Entry<String, String> entry : channelNames.entrySet()) {
      if (entry.getValue().equals(name)) {
        return entry.getKey();
      }
    }
    if (usersByEmail.containsValue(channel)) {
      String direct = directChannel(channel);
      messages.putIfAbsent(direct, new ArrayList<>());
      return direct;
    }
    if (messages.containsKey(channel)) {
      return channel;
    }
    return null;
  }

  private String nextTs(Instant now) {
    long micros = Math.max(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000, lastTsMicros + 1);
    lastTsMicros = micros;
    return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
  }

  private static ObjectNode json(StoredMessage m, boolean withMetadata) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "message");
    node.put("bot_id", BOT_ID);
    node.put("text", m.text());
    node.put("ts", m.ts());
    if (m.threadTs() != null) {
      node.put("thread_ts", m.threadTs());
    }
    if (m.blocks() != null) {
      node.set("blocks", m.blocks());
    }
    if (withMetadata && m.metadata() != null) {
      node.set("metadata", m.metadata());
    }
    return node;
  }

  private static ObjectNode ok() {
    return JSON.createObjectNode().put("ok", true);
  }

  private static ObjectNode failure(String error) {
    return JSON.createObjectNode().put("ok", false).put("error", error);
  }

  private static Answer error(String error) {
    return new Answer(200, failure(error), Map.of());
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  /** Query string and body: form-encoded as the official clients send, or a JSON object. */
  private static Map<String, String> params(HttpExchange exchange) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    decodeForm(exchange.getRequestURI().getRawQuery(), params);
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String text = new String(body, StandardCharsets.UTF_8);
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      JsonNode node = JSON.readTree(text.isBlank() ? "{}" : text);
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        params.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
      }
    } else {
      decodeForm(text, params);
    }
    return params;
  }

  private static void decodeForm(String form, Map<String, String> params) {
    if (form == null || form.isBlank()) {
      return;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
  }
}
