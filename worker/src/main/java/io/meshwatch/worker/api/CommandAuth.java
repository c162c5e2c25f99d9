package io.meshwatch.worker.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may change incidents over HTTP. With API tokens configured, a caller presents one as
 * {@code Authorization: Bearer <token>} and acts under the token's name. Without tokens, only
 * callers on this machine may (the embedded demo, an operator's shell): anyone who can reach the
 * port could otherwise acknowledge every incident. Reads are not guarded.
 */
public final class CommandAuth {

  private final ApiTokens tokens;

  public CommandAuth(ApiTokens tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  public boolean tokensRequired() {
    return !tokens.isEmpty();
  }

  /**
   * Decides for one request.
   *
   * @param remoteAddress the peer's IP address as the socket reports it (never a forwarded header)
   * @param authorization the {@code Authorization} header, or null
   */
  public Decision decide(String remoteAddress, String authorization) {
    if (tokens.isEmpty()) {
      return loopback(remoteAddress)
          ? new Decision.Granted(Optional.empty())
          : new Decision.Refused(403, "only local callers", "acknowledge, snooze and resolve accept callers on the worker's own"
              + " machine only while http.api_tokens is empty; configure http.api_tokens to allow others");
    }
    Optional<String> presented = bearer(authorization);
    if (presented.isEmpty()) {
      return new Decision.Refused(401, "token required", "this endpoint needs an Authorization: Bearer header with one of the"
          + " tokens in http.api_tokens");
    }
    return tokens.match(presented.get())
        .<Decision>map(name -> new Decision.Granted(Optional.of(name)))
        .orElseGet(() -> new Decision.Refused(401, "unknown token", "the bearer token is not one of http.api_tokens"));
  }

  private static Optional<String> bearer(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    if (value.length() <= 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return Optional.empty();
    }
    String token = value.substring(7).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  static boolean loopback(String remoteAddress) {
    if (remoteAddress == null || remoteAddress.isBlank()) {
      return false;
    }
    String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
        ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
    int zone = literal.indexOf('%');
    String address = zone < 0 ? literal : literal.substring(0, zone);
    // IP literals only: a host name would mean a DNS lookup, and a socket always reports a literal.
    boolean ipv4 = address.matches("[0-9.]+");
    boolean ipv6 = address.contains(":") && address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    if (!ipv4 && !ipv6) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The outcome for one request. */
  public sealed interface Decision {
    /** Allowed; the token's name when one was presented. */
    record Granted(Optional<String> tokenName) implements Decision {}

    /** Refused with this status and explanation. */
    record Refused(int status, String title, String detail) implements Decision {}
  }
}
