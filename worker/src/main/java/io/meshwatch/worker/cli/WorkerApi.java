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
import java.util.Optional;

/** A running worker's HTTP API, as the CLI calls it. */
final class WorkerApi {

  /** Tells the API the CLI is calling, so an incident's history records {@code via cli}. */
  static final String CLIENT_HEADER = "X-Meshwatch-Client";
  private static final ObjectMapper JSON = new ObjectMapper();

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
