package io.meshwatch.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.ConfigProblem;
import io.meshwatch.worker.config.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandAuthTest {

  static final String TOKEN = "0123456789abcdef0123456789abcdef";

  @Test
  void withoutTokensOnlyLoopbackCallersMayChangeIncidents() {
    CommandAuth auth = new CommandAuth(ApiTokens.none());

    assertThat(auth.decide("127.0.0.1", null)).isEqualTo(new CommandAuth.Decision.Granted(Optional.empty()));
    assertThat(auth.decide("0:0:0:0:0:0:0:1", null)).isInstanceOf(CommandAuth.Decision.Granted.class);
    assertThat(auth.decide("[::1]", null)).isInstanceOf(CommandAuth.Decision.Granted.class);
    assertThat(auth.decide("192.0.2.7", "Bearer " + TOKEN)).isEqualTo(new CommandAuth.Decision.Refused(403, "only local callers",
        "acknowledge, snooze and resolve accept callers on the worker's own machine only while http.api_tokens is empty;"
            + " configure http.api_tokens to allow others"));
    assertThat(auth.decide("::ffff:192.0.2.7", null)).isInstanceOf(CommandAuth.Decision.Refused.class);
    // Only IP literals count: a name is never looked up.
    assertThat(auth.decide("localhost", null)).isInstanceOf(CommandAuth.Decision.Refused.class);
    assertThat(auth.decide(null, null)).isInstanceOf(CommandAuth.Decision.Refused.class);
  }

  @Test
  void withTokensEveryCallerNeedsOneWhereverItComesFrom() {
    CommandAuth auth = new CommandAuth(ApiTokens.of(Map.of("ci", TOKEN, "oncall", TOKEN.toUpperCase())));

    assertThat(auth.decide("127.0.0.1", null)).isInstanceOfSatisfying(CommandAuth.Decision.Refused.class,
        r -> assertThat(r.status()).isEqualTo(401));
    assertThat(auth.decide("192.0.2.7", "Bearer " + TOKEN)).isEqualTo(new CommandAuth.Decision.Granted(Optional.of("ci")));
    assertThat(auth.decide("192.0.2.7", "bearer   " + TOKEN.toUpperCase() + " "))
        .isEqualTo(new CommandAuth.Decision.Granted(Optional.of("oncall")));
    assertThat(auth.decide("127.0.0.1", "Bearer " + TOKEN + "0")).isEqualTo(
        new CommandAuth.Decision.Refused(401, "unknown token", "the bearer token is not one of http.api_tokens"));
    assertThat(auth.decide("127.0.0.1", "Basic " + TOKEN)).isInstanceOf(CommandAuth.Decision.Refused.class);
    assertThat(auth.decide("127.0.0.1", "Bearer ")).isInstanceOf(CommandAuth.Decision.Refused.class);
  }

  @Test
  void configuredTokensAreReadThroughTheConfigLoader(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("oncall-token");
    Files.writeString(file, TOKEN.toUpperCase() + "\n");
    ConfigLoader loader = new ConfigLoader(Map.of("CI_TOKEN", TOKEN));

    ApiTokens tokens = ApiTokens.resolve(Map.of(
        "ci", new WorkerConfig.ApiToken("CI_TOKEN", null),
        "oncall", new WorkerConfig.ApiToken(null, file.toString())), loader);

    assertThat(tokens.match(TOKEN)).contains("ci");
    assertThat(tokens.match(TOKEN.toUpperCase())).contains("oncall");
    assertThat(tokens.match("")).isEmpty();
  }

  @Test
  void tokensThatCannotWorkStopTheWorkerWithoutShowingThem(@TempDir Path dir) {
    ConfigLoader loader = new ConfigLoader(Map.of("SHORT_TOKEN", "short-1234", "CI_TOKEN", TOKEN, "COPY_TOKEN", TOKEN));

    assertThatThrownBy(() -> ApiTokens.resolve(Map.of(
        "unset", new WorkerConfig.ApiToken("NOT_SET_ANYWHERE", null),
        "missing", new WorkerConfig.ApiToken(null, dir.resolve("nothing-here").toString()),
        "short", new WorkerConfig.ApiToken("SHORT_TOKEN", null),
        "ci", new WorkerConfig.ApiToken("CI_TOKEN", null),
        "copy", new WorkerConfig.ApiToken("COPY_TOKEN", null)), loader))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
              "http.api_tokens.unset: environment variable NOT_SET_ANYWHERE holds no token",
              "http.api_tokens.missing: cannot read file " + dir.resolve("nothing-here"),
              "http.api_tokens.short: the token is shorter than 16 characters; use a random one (openssl rand -hex 32)",
              "http.api_tokens.copy: the same token as http.api_tokens.ci: each token names one actor");
          assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("short-1234");
        });
  }
}
