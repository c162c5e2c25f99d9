package io.meshwatch.worker.api;

import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.ConfigProblem;
import io.meshwatch.worker.config.SecretSource;
import io.meshwatch.worker.config.WorkerConfig;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The API tokens of {@code http.api_tokens}, by name, each with its {@link ApiRole}. Only their
 * SHA-256 digests are kept, and a presented token is compared with every one of them in constant
 * time, so neither the comparison nor its length tells a caller how close a guess was.
 */
public final class ApiTokens {

  /** Shorter tokens can be guessed; {@code openssl rand -hex 32} gives 64 characters. */
  static final int MIN_LENGTH = 16;

  private final Map<String, byte[]> digests;
  private final Map<String, ApiRole> roles;

  private ApiTokens(Map<String, byte[]> digests, Map<String, ApiRole> roles) {
    this.digests = digests;
    this.roles = roles;
  }

  /** No tokens: reads are open, mutating endpoints accept loopback callers only. */
  public static ApiTokens none() {
    return new ApiTokens(Map.of(), Map.of());
  }

  /**
   * Reads every configured token through {@link ConfigLoader#secret}. A token that cannot be read,
   * is too short or repeats another is a problem: a worker must not start with a token that silently
   * does not work.
   */
  public static ApiTokens resolve(Map<String, WorkerConfig.ApiToken> configured, ConfigLoader secrets) throws ConfigException {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, String> tokens = new LinkedHashMap<>();
    new TreeMap<>(configured).forEach((name, source) -> {
      String path = "http.api_tokens." + name;
      SecretSource secret = new SecretSource(path, source.tokenEnv(), source.tokenFile());
      String token;
      try {
        token = secrets.secret(secret);
      } catch (UncheckedIOException e) {
        problems.add(new ConfigProblem(path, "cannot read " + secret.describe()));
        return;
      }
      if (token == null || token.isBlank()) {
        problems.add(new ConfigProblem(path, secret.describe() + " holds no token"));
      } else if (token.length() < MIN_LENGTH) {
        problems.add(new ConfigProblem(path, "the token is shorter than " + MIN_LENGTH + " characters; use a random one"
            + " (openssl rand -hex 32)"));
      } else if (tokens.containsValue(token)) {
        String other = tokens.entrySet().stream().filter(e -> e.getValue().equals(token)).findFirst().orElseThrow().getKey();
        problems.add(new ConfigProblem(path, "the same token as http.api_tokens." + other + ": each token names one actor"));
      } else {
        tokens.put(name, token);
      }
    });
    if (!problems.isEmpty()) {
      throw new ConfigException("http.api_tokens", problems);
    }
    Map<String, ApiRole> roles = new LinkedHashMap<>();
    tokens.keySet().forEach(name -> roles.put(name, ApiRole.of(configured.get(name).role(), configured.get(name).domains())));
    return of(tokens, roles);
  }

  /** Tokens given by value, name to token, every one of them platform. */
  public static ApiTokens of(Map<String, String> tokens) {
    Map<String, ApiRole> roles = new LinkedHashMap<>();
    tokens.keySet().forEach(name -> roles.put(name, new ApiRole.Platform()));
    return of(tokens, roles);
  }

  /** Tokens given by value, name to token, with each name's role. */
  public static ApiTokens of(Map<String, String> tokens, Map<String, ApiRole> roles) {
    Map<String, byte[]> digests = new LinkedHashMap<>();
    tokens.forEach((name, token) -> {
      if (!roles.containsKey(name)) {
        throw new IllegalArgumentException("token " + name + " has no role");
      }
      digests.put(name, sha256(token));
    });
    return new ApiTokens(Map.copyOf(digests), Map.copyOf(roles));
  }

  /** The role of the token named {@code name}, which {@link #match} returned. */
  public ApiRole role(String name) {
    ApiRole role = roles.get(name);
    if (role == null) {
      throw new IllegalArgumentException("no token is named " + name);
    }
    return role;
  }

  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /** The name of the token {@code presented} is, comparing it with every token (no early exit). */
  public Optional<String> match(String presented) {
    byte[] digest = sha256(presented);
    String matched = null;
    for (Map.Entry<String, byte[]> token : digests.entrySet()) {
      if (MessageDigest.isEqual(digest, token.getValue())) {
        matched = token.getKey();
      }
    }
    return Optional.ofNullable(matched);
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
