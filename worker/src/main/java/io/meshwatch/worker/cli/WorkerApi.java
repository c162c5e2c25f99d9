package io.meshwatch.worker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A running worker's HTTP API, as the CLI calls it. */
final class WorkerApi {

  /** Tells the API the CLI is calling, so an incident's history records {@code via cli}. */
  static final String CLIENT_HEADER = "X-Meshwatch-Client";
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ACTOR_HEADER = "X-Meshwatch-Actor";
  private static final java.util.regex.Pattern ACTOR = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");

  private final URI base;
  private final Optional<String> token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  WorkerApi(URI base, Optional<String> token) {
    this.base = base;
    this.token = token;
  }

  /** An answer: its status and its JSON body (empty when it had none or none that parses). */
  record Answer(int status, Optional<JsonNode> body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** A problem answer in one line: {@code title: detail (HTTP 404)}. */
    String problem() {
      String title = body.map(b -> b.path("title").asText("")).orElse("");
      String detail = body.map(b -> b.path("detail").asText("")).orElse("");
      String text = title.isEmpty() ? detail : detail.isEmpty() ? title : title + ": " + detail;
      return (text.isEmpty() ? "the worker refused" : text) + " (HTTP " + status + ")";
    }

    /**
     * Each entry of the problem's {@code errors} as {@code source[:line]: [policy NAME: ]path: message},
     * the form validate prints, so editors and CI logs link to it.
     */
    List<String> errors(String source) {
      List<String> out = new java.util.ArrayList<>();
      body.ifPresent(b -> b.path("errors").forEach(e -> out.add(source
          + (e.path("line").isInt() ? ":" + e.path("line").asInt() : "") + ": "
          + (e.path("policy").isTextual() ? "policy " + e.path("policy").asText() + ": " : "")
          + e.path("path").asText() + ": " + e.path("message").asText())));
      return out;
    }
  }

  /** The worker could not be reached or did not answer; the message says which. */
  static final class Unreachable extends Exception {
    Unreachable(String message) {
      super(message);
    }
  }

  Answer get(String path) throws Unreachable, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path)).GET());
  }

  /** Sends {@code text} (a spec) with its media type. */
  Answer put(String path, String contentType, String text) throws Unreachable, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path))
        .header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofString(text)));
  }

  Answer delete(String path) throws Unreachable, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path)).DELETE());
  }

  Answer post(String path) throws Unreachable, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Answer post(String path, JsonNode body) throws Unreachable, InterruptedException {
    try {
      return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }

  private Answer send(HttpRequest.Builder request) throws Unreachable, InterruptedException {
    request.timeout(Duration.ofSeconds(30)).header(CLIENT_HEADER, "cli").header("Accept", "application/json");
    // Without a token the worker records the user as who applied or retired; with one, the token's name wins.
    String user = System.getProperty("user.name", "");
    if (ACTOR.matcher(user).matches()) {
      request.header(ACTOR_HEADER, user);
    }
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Unreachable("cannot reach the worker at " + base + ": connection refused (is it running? see --api)");
    } catch (HttpTimeoutException e) {
      throw new Unreachable("the worker at " + base + " did not answer in time");
    } catch (IOException e) {
      throw new Unreachable("cannot reach the worker at " + base + ": " + e.getMessage());
    }
    Optional<JsonNode> body;
    try {
      body = response.body().isBlank() ? Optional.empty() : Optional.of(JSON.readTree(response.body()));
    } catch (JsonProcessingException e) {
      body = Optional.empty();
    }
    return new Answer(response.statusCode(), body);
  }

  static ObjectMapper json() {
    return JSON;
  }
}
