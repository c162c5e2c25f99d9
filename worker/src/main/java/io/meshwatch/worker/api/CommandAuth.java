package io.meshwatch.worker.api;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what over HTTP. With API tokens configured, every call under /api presents one as
 * {@code Authorization: Bearer <token>}, acts under the token's name and may do what the token's
 * {@link ApiRole} allows. Without tokens, reads are open and changes are accepted from callers on
 * this machine only (the embedded demo, an operator's shell): anyone who can reach the port could
 * otherwise acknowledge every incident or retire every product.
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
   * @param action what the request does
   * @param domain the domain of the product it acts on, empty when it names none
   */
  public Decision decide(String remoteAddress, String authorization, ApiAction action, Optional<String> domain) {
    if (tokens.isEmpty()) {
      if (!action.mutates() || loopback(remoteAddress)) {
        return new Decision.Granted(Optional.empty());
      }
      return new Decision.Refused(403, "only local callers", "changes (" + action.phrase() + ") are accepted from the"
          + " worker's own machine only while http.api_tokens is empty; configure http.api_tokens to allow others");
    }
    Optional<String> presented = bearer(authorization);
    if (presented.isEmpty()) {
      return new Decision.Refused(401, "token required", "this endpoint needs an Authorization: Bearer header with one of the"
          + " tokens in http.api_tokens");
    }
    Optional<String> name = tokens.match(presented.get());
    if (name.isEmpty()) {
      return new Decision.Refused(401, "unknown token", "the bearer token is not one of http.api_tokens");
    }
    ApiRole role = tokens.role(name.get());
    if (!role.may(action, domain)) {
      return new Decision.Refused(403, "forbidden", role.refusal(action, domain) + " (token " + name.get() + ")");
    }
    return new Decision.Granted(name);
  }

  /**
   * Admits the request to {@code action} on {@code domain}, or answers its refusal (401 with a
   * {@code WWW-Authenticate} challenge, or 403) as a problem document and returns empty.
   */
  public Optional<ApiCaller> admit(Context ctx, ApiAction action, Optional<String> domain) {
    return switch (decide(ctx.req().getRemoteAddr(), ctx.header("Authorization"), action, domain)) {
      case Decision.Granted granted -> Optional.of(new ApiCaller(granted.tokenName()));
      case Decision.Refused refused -> {
        if (refused.status() == 401) {
          ctx.header("WWW-Authenticate", "Bearer realm=\"meshwatch\"");
        }
        HttpApi.problem(ctx, refused.status(), refused.title(), refused.detail());
        yield Optional.empty();
      }
    };
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
