package io.meshwatch.alerts.webhook;

import io.meshwatch.alerts.DeliveryFailure;
import io.meshwatch.alerts.IncidentLinks;
import io.meshwatch.alerts.IncidentSink;
import io.meshwatch.alerts.SinkResult;
import io.meshwatch.alerts.outbox.DeliveryOutbox;
import io.meshwatch.alerts.outbox.OutboxEntry;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.MessageRef;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs every delivery as JSON ({@link WebhookPayload}) to one URL. A non-2xx answer or an I/O
 * error fails the activity so Temporal retries. Exactly once: the outbox skips what a receiver
 * acknowledged; a POST whose answer was lost is sent again with the same {@code Idempotency-Key}
 * (the delivery key), by which the receiver drops the repeat. With a secret, the body is signed
 * ({@link WebhookSignature}).
 */
public final class WebhookSink implements IncidentSink {

  public static final String NAME = "webhook";
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private static final Logger log = LoggerFactory.getLogger(WebhookSink.class);

  private final WebhookSettings settings;
  private final DeliveryOutbox outbox;
  private final IncidentLinks links;
  private final HttpClient http;

  public WebhookSink(WebhookSettings settings, DeliveryOutbox outbox, IncidentLinks links) {
    this(settings, outbox, links, HttpClient.newBuilder().connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build());
  }

  public WebhookSink(WebhookSettings settings, DeliveryOutbox outbox, IncidentLinks links, HttpClient http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.links = Objects.requireNonNull(links, "links");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SinkResult deliver(DeliveryInput input) {
    MessageRef message = input.intent() == DeliveryIntent.OPENED
        ? new MessageRef(NAME, settings.url().getHost(), input.key()) : input.message();
    String key = input.key() + "@" + NAME;
    OutboxEntry entry = outbox.claim(key, input.incident().incidentId(), input.intent().name(), settings.url().getHost());
    if (entry.sent()) {
      return SinkResult.skipped(message);
    }
    byte[] body = WebhookPayload.of(input, links);
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
        .timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "meshwatch")
        .header(IDEMPOTENCY_HEADER, input.key())
        .header("X-Meshwatch-Intent", input.intent().name())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (settings.secret() != null) {
      request.header(WebhookSignature.HEADER, WebhookSignature.of(settings.secret(), body));
    }
    HttpResponse<Void> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw DeliveryFailure.WEBHOOK_FAILED.retryable("webhook " + settings.url().getHost() + " unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryFailure.WEBHOOK_FAILED.retryable("interrupted while posting to the webhook");
    }
    if (response.statusCode() / 100 != 2) {
      throw DeliveryFailure.WEBHOOK_FAILED.retryable(
          "webhook " + settings.url().getHost() + " answered HTTP " + response.statusCode() + " to " + input.intent());
    }
    outbox.markSent(key, input.key());
    log.debug("webhook took {} for incident {} (HTTP {})", input.intent(), input.incident().incidentId(), response.statusCode());
    return new SinkResult(message, true);
  }
}
