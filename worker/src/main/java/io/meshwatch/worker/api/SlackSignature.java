package io.meshwatch.worker.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies that a request comes from Slack (Slack's "verifying requests" scheme, version 0): the
 * signature is {@code v0=} and the hex HMAC-SHA256, keyed with the app's signing secret, of
 * {@code v0:<timestamp>:<raw body>}, and the timestamp lies within five minutes of now either way,
 * so a recorded request cannot be replayed later (nor one stamped ahead be kept for later). The
 * signatures are compared in constant time. The secret is held here only; {@link #toString} does not
 * show it.
 */
public final class SlackSignature {

  public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Slack-Signature";
  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final String VERSION = "v0";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final Clock clock;

  public SlackSignature(byte[] signingSecret, Clock clock) {
    Objects.requireNonNull(signingSecret, "signingSecret");
    if (signingSecret.length == 0) {
      throw new IllegalArgumentException("the Slack signing secret is empty");
    }
    this.key = new SecretKeySpec(Arrays.copyOf(signingSecret, signingSecret.length), ALGORITHM);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The outcome of a verification; a rejection says why in words that hold nothing secret. */
  public sealed interface Verdict {
    record Valid() implements Verdict {}

    record Rejected(String reason) implements Verdict {}
  }

  /**
   * Checks one request, before anything in it is parsed.
   *
   * @param timestamp the {@value #TIMESTAMP_HEADER} header, or null
   * @param signature the {@value #SIGNATURE_HEADER} header, or null
   * @param body the raw body, exactly as received
   */
  public Verdict verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || timestamp.isBlank()) {
      return new Verdict.Rejected("no " + TIMESTAMP_HEADER + " header");
    }
    if (signature == null || signature.isBlank()) {
      return new Verdict.Rejected("no " + SIGNATURE_HEADER + " header");
    }
    if (!timestamp.matches("\\d{1,12}")) {
      return new Verdict.Rejected(TIMESTAMP_HEADER + " is not a number of seconds");
    }
    Instant stamped = Instant.ofEpochSecond(Long.parseLong(timestamp));
    Duration skew = Duration.between(stamped, clock.instant()).abs();
    if (skew.compareTo(MAX_SKEW) > 0) {
      return new Verdict.Rejected(TIMESTAMP_HEADER + " is " + skew.toSeconds() + "s from now (at most "
          + MAX_SKEW.toSeconds() + "s allowed)");
    }
    byte[] expected = (VERSION + "=" + HexFormat.of().formatHex(mac(timestamp, body))).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? new Verdict.Valid() : new Verdict.Rejected("the signature does not match");
  }

  private byte[] mac(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
    }
  }

  @Override
  public String toString() {
    return "SlackSignature[v0, HMAC-SHA256, ±" + MAX_SKEW.toMinutes() + " min]";
  }
}
