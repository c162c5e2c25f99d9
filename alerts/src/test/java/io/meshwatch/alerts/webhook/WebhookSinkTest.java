package io.meshwatch.alerts.webhook;

import static io.meshwatch.alerts.Incidents.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.alerts.IncidentLinks;
import io.meshwatch.alerts.Incidents;
import io.meshwatch.alerts.Secret;
import io.meshwatch.alerts.SinkResult;
import io.meshwatch.alerts.outbox.InMemoryDeliveryOutbox;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON webhook: body, signature, idempotency key, failures retried, and exactly once through the outbox. */
class WebhookSinkTest {

  private static final String SECRET = "whsec-test-secret-value";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookReceiver receiver;
  private InMemoryDeliveryOutbox outbox;

  @BeforeEach
  void start() throws IOException {
    receiver = WebhookReceiver.start();
    outbox = new InMemoryDeliveryOutbox();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private WebhookSink sink(Secret secret) {
    return new WebhookSink(WebhookSettings.of(receiver.url(), secret), outbox,
        new IncidentLinks("https://grafana.example.com/{domain}/{name}", null));
  }

  @Test
  void postsTheIntentAndTheIncidentAsSignedJsonWithAnIdempotencyKey() throws Exception {
    DeliveryInput opened = input(DeliveryIntent.OPENED, Incidents.open(), null);

    SinkResult result = sink(Secret.of(SECRET)).deliver(opened);

    assertThat(result.sent()).isTrue();
    assertThat(result.message().sink()).isEqualTo("webhook");
    WebhookReceiver.Received request = receiver.received().getFirst();
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Idempotency-Key")).isEqualTo(opened.key());
    assertThat(request.header("X-Meshwatch-Signature")).isEqualTo("sha256=" + hmac(SECRET, request.body()));
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("type").asText()).isEqualTo("meshwatch.incident");
    assertThat(body.path("intent").asText()).isEqualTo("OPENED");
    assertThat(body.path("key").asText()).isEqualTo(opened.key());
    JsonNode incident = body.path("incident");
    assertThat(incident.path("id").asText()).isEqualTo(opened.incident().incidentId());
    assertThat(incident.path("product").path("id").asText()).isEqualTo("sales/orders-daily");
    assertThat(incident.path("product").path("consumers").get(0).path("use_case").asText()).isEqualTo("revenue reporting");
    assertThat(incident.path("state").asText()).isEqualTo("OPEN");
    JsonNode completeness = incident.path("failing").get(0);
    assertThat(completeness.path("check_id").asText()).isEqualTo("completeness");
    assertThat(completeness.path("observed").asDouble()).isEqualTo(0.93);
    assertThat(completeness.path("threshold").asDouble()).isEqualTo(0.99);
    assertThat(completeness.path("violations").asLong()).isEqualTo(70);
    assertThat(completeness.path("rows").asLong()).isEqualTo(1000);
    assertThat(completeness.path("since").asText()).isEqualTo("2026-11-21T08:00:00Z");
    assertThat(body.path("links").path("dashboard").asText()).isEqualTo("https://grafana.example.com/sales/orders-daily");
  }

  @Test
  void withoutASecretTheBodyIsUnsigned() {
    sink(null).deliver(input(DeliveryIntent.OPENED, Incidents.open(), null));

    assertThat(receiver.received().getFirst().header("X-Meshwatch-Signature")).isNull();
  }

  @Test
  void aFailedPostFailsTheActivityAndTheRetrySendsTheSameKeyOnce() {
    WebhookSink sink = sink(Secret.of(SECRET));
    DeliveryInput opened = input(DeliveryIntent.OPENED, Incidents.open(), null);
    receiver.answerNext(503);

    assertThatThrownBy(() -> sink.deliver(opened)).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.getType()).isEqualTo("WEBHOOK_FAILED");
      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(failure.getOriginalMessage()).contains("HTTP 503");
    });
    SinkResult retried = sink.deliver(opened);
    SinkResult again = sink.deliver(opened);

    assertThat(retried.sent()).isTrue();
    assertThat(again.sent()).isFalse();
    assertThat(receiver.received()).hasSize(2);
    assertThat(receiver.received()).extracting(r -> r.header("Idempotency-Key")).containsOnly(opened.key());
  }

  @Test
  void anUnreachableReceiverIsARetryableFailure() {
    receiver.close();

    assertThatThrownBy(() -> sink(null).deliver(input(DeliveryIntent.OPENED, Incidents.open(), null)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("WEBHOOK_FAILED");
          assertThat(failure.getOriginalMessage()).contains("unreachable");
        });
  }

  @Test
  void aUrlThatIsNotHttpIsRefusedAtConfiguration() {
    assertThatThrownBy(() -> WebhookSettings.of("ftp://example.com/x", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alerts.webhook.url");
    assertThatThrownBy(() -> WebhookSettings.of(" ", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");
  }

  @Test
  void theSignatureIsTheHmacOfTheExactBody() throws Exception {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.of(Secret.of("key"), body)).isEqualTo("sha256=" + hmac("key", body));
  }

  private static String hmac(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
