package io.meshwatch.worker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/interactions}, the Slack app's interactivity request URL: the buttons and
 * selects of an incident's message arrive here. Every request is verified ({@link SlackSignature})
 * before anything in it is read; one that fails gets 401 and changes nothing. A verified click
 * becomes a signal to the incident's workflow, acting as the Slack user via {@code slack}. Slack
 * wants an answer within 3 seconds, so the signal gets {@link #ANSWER_WITHIN}; a slower one goes on
 * after the answer and its outcome is logged. Anything else Slack sends is answered 200 and logged.
 */
public final class SlackInteractions implements RouteGroup {

  public static final String PATH = "/slack/interactions";
  /** Leaves Slack's 3 seconds room for the network. */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SlackSignature signature;
  private final IncidentActions actions;
  private final ExecutorService signals = Executors.newVirtualThreadPerTaskExecutor();

  public SlackInteractions(SlackSignature signature, IncidentActions actions) {
    this.signature = Objects.requireNonNull(signature, "signature");
    this.actions = Objects.requireNonNull(actions, "actions");
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(PATH, this::handle);
  }

  private void handle(Context ctx) throws Exception {
    byte[] body = ctx.bodyAsBytes();
    if (signature.verify(ctx.header(SlackSignature.TIMESTAMP_HEADER), ctx.header(SlackSignature.SIGNATURE_HEADER), body)
        instanceof SlackSignature.Verdict.Rejected rejected) {
      log.warn("refused a request to {} from {}: {}", PATH, ctx.req().getRemoteAddr(), rejected.reason());
      HttpApi.problem(ctx, 401, "not from Slack", "the request is not signed by Slack, or not recently");
      return;
    }
    // Verified: only now is the body read.
    Optional<JsonNode> payload = payload(body);
    if (payload.isEmpty()) {
      log.warn("a signed request to {} carried no JSON payload", PATH);
      HttpApi.problem(ctx, 400, "no payload", "expected a form field 'payload' holding JSON");
      return;
    }
    switch (SlackActions.read(payload.get())) {
      case SlackActions.Reading.Command command -> {
        signal(command);
        ctx.status(200);
      }
      case SlackActions.Reading.Ignored ignored -> {
        log.info("Slack interaction ignored: {}", ignored.reason());
        ctx.status(200);
      }
      case SlackActions.Reading.Malformed malformed -> {
        log.warn("a signed request to {} was not understood: {}", PATH, malformed.reason());
        HttpApi.problem(ctx, 400, "bad payload", malformed.reason());
      }
    }
  }

  private void signal(SlackActions.Reading.Command command) throws InterruptedException {
    IncidentCommand c = command.command();
    CompletableFuture<ActionResult> sending =
        CompletableFuture.supplyAsync(() -> actions.perform(command.incidentId(), c), signals)
            .whenComplete((result, failure) -> logOutcome(command.incidentId(), c, result, failure));
    try {
      sending.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.info("{} of {} from Slack still signalling after {} ms; answered Slack", c.verb(), command.incidentId(),
          ANSWER_WITHIN.toMillis());
    } catch (ExecutionException e) {
      // Logged by logOutcome; Slack gets its 200 either way, since it cannot do anything with an error.
    }
  }

  private static void logOutcome(String incidentId, IncidentCommand c, ActionResult result, Throwable failure) {
    if (failure != null) {
      log.error("{} of {} from Slack user {} failed", c.verb(), incidentId, c.by().name(), failure);
      return;
    }
    switch (result) {
      case ActionResult.Accepted accepted -> log.info("{} of {} by Slack user {}: signalled", c.verb(), incidentId, c.by().name());
      case ActionResult.NotFound notFound -> log.info("{} of {} by Slack user {}: nothing to do, {}", c.verb(), incidentId,
          c.by().name(), notFound.detail());
      case ActionResult.Unavailable unavailable -> log.warn("{} of {} by Slack user {} was lost: {}", c.verb(), incidentId,
          c.by().name(), unavailable.detail());
    }
  }

  /** The JSON in the form field {@code payload} of an {@code application/x-www-form-urlencoded} body. */
  private static Optional<JsonNode> payload(byte[] body) {
    try {
      for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
        int equals = pair.indexOf('=');
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        if (name.equals("payload") && equals >= 0) {
          return Optional.of(JSON.readTree(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)));
        }
      }
      return Optional.empty();
    } catch (IllegalArgumentException | JsonProcessingException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    signals.shutdown();
    try {
      if (!signals.awaitTermination(5, TimeUnit.SECONDS)) {
        signals.shutdownNow();
      }
    } catch (InterruptedException e) {
      signals.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
