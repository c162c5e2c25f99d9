package io.meshwatch.worker.cli;

import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.ConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a CLI command reaches a running worker: {@code --api}, else {@value #URL_ENV}, else this
 * machine on the {@code http.port} of the worker config; and the API token from the environment
 * variable {@code --token-env} names (default {@value #DEFAULT_TOKEN_ENV}; unset there: no token).
 * The token is never an argument: a command line is visible to every user of the machine.
 */
final class ApiOptions {

  static final String DEFAULT_TOKEN_ENV = "MESHWATCH_API_TOKEN";
  static final String URL_ENV = "MESHWATCH_API_URL";

  @Option(names = "--api", paramLabel = "URL", description = "the worker's HTTP API (default: $" + URL_ENV + ", else http://localhost:<http.port of the config>)")
  String api;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "worker config file whose http.port is the default --api port")
  Path config;

  @Option(names = "--token-env", paramLabel = "NAME",
      description = "environment variable holding the API token (default: " + DEFAULT_TOKEN_ENV + ", used when set)")
  String tokenEnv;

  /** Where the API is, as a base URI without a trailing slash. */
  URI baseUri(Map<String, String> env) throws UsageException {
    String url = api;
    if (url == null && env.get(URL_ENV) != null && !env.get(URL_ENV).isBlank()) {
      url = env.get(URL_ENV).strip();
    }
    if (url == null) {
      ConfigLoader loader = new ConfigLoader(env);
      try {
        int port = (config == null ? loader.defaults() : loader.load(config)).http().port();
        url = "http://localhost:" + port;
      } catch (ConfigException e) {
        throw new UsageException(e.getMessage());
      }
    }
    try {
      URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new UsageException("--api (or " + URL_ENV + ") must be an http or https URL such as http://localhost:8080, got '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException("--api must be an http or https URL such as http://localhost:8080, got '" + url + "'");
    }
  }

  // No --token flag on purpose: a command line is visible to every user of the machine. A file
  // (e.g. a mounted secret) or an environment variable is not.
  @Option(names = "--token-file", paramLabel = "FILE", description = "file holding the API token (instead of an environment variable)")
  Path tokenFile;

  /** The token to send, if any. A variable named with --token-env must be set; a --token-file must be readable. */
  Optional<String> token(Map<String, String> env) throws UsageException {
    if (tokenFile != null) {
      if (tokenEnv != null) {
        throw new UsageException("give --token-file or --token-env, not both");
      }
      try {
        String token = Files.readString(tokenFile).strip();
        if (token.isEmpty()) {
          throw new UsageException("--token-file " + tokenFile + " is empty");
        }
        return Optional.of(token);
      } catch (IOException e) {
        throw new UsageException("--token-file " + tokenFile + " cannot be read: " + e.getMessage());
      }
    }
    String name = tokenEnv == null ? DEFAULT_TOKEN_ENV : tokenEnv;
    String token = env.get(name);
    if (token == null || token.isBlank()) {
      if (tokenEnv != null) {
        throw new UsageException("--token-env names " + tokenEnv + ", which is not set");
      }
      return Optional.empty();
    }
    return Optional.of(token.strip());
  }

  /** Wrong usage, found after picocli parsed the arguments: exit 2 with this message. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}
