package io.meshwatch.worker.spec;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises credentials written into a spec, to refuse them with the reason instead of a bare
 * "unknown field": specs live in git and are shown in alerts; secrets live in worker config.
 */
final class Credentials {

  static final String MESSAGE =
      "credentials and connection details do not belong in a spec; name a connection "
          + "(spec.output.connection) whose credentials are held in worker config";

  private static final Set<String> NAMES = Set.of(
      "user", "username", "login", "pass", "pwd", "auth", "authorization", "account", "role",
      "host", "port", "url", "uri", "jdbc_url", "dsn", "connection_string", "endpoint", "warehouse");

  private static final String[] FRAGMENTS = {
      "password", "passwd", "secret", "token", "credential", "private_key", "api_key", "apikey",
      "access_key", "account_key", "keyfile", "key_file", "certificate"};

  private Credentials() {}

  static boolean looksLikeCredential(String key) {
    String normalized = key.toLowerCase(Locale.ROOT).replace('-', '_');
    if (NAMES.contains(normalized)) {
      return true;
    }
    for (String fragment : FRAGMENTS) {
      if (normalized.contains(fragment)) {
        return true;
      }
    }
    return false;
  }
}
