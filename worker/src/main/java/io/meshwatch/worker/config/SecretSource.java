package io.meshwatch.worker.config;

import java.util.Optional;

/**
 * Where the config says a secret is kept: the environment variable {@code env}, else the file
 * {@code file}. {@code path} names the secret in messages ({@code slack.bot_token}). Holds no
 * secret itself; {@link ConfigLoader#secret(SecretSource)} reads it.
 */
public record SecretSource(String path, String env, String file) {

  /** The source, or empty when the config names neither a variable nor a file. */
  public static Optional<SecretSource> of(String path, String env, String file) {
    return env == null && file == null ? Optional.empty() : Optional.of(new SecretSource(path, env, file));
  }

  /** How the source reads in messages: {@code environment variable X} / {@code file F}. */
  public String describe() {
    if (env != null && file != null) {
      return "environment variable " + env + ", else file " + file;
    }
    return env != null ? "environment variable " + env : "file " + file;
  }
}
