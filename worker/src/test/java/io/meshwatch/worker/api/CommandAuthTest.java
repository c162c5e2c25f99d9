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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandAuthTest {

  static final String TOKEN = "0123456789abcdef0123456789abcdef";
  static final ApiAction INCIDENTS = ApiAction.ACT_ON_INCIDENTS;
  static final Optional<String> ORDERS = Optional.of("orders");

  @Test
  void withoutTokensOnlyLoopbackCallersMayChangeIncidents() {
    CommandAuth auth = new CommandAuth(ApiTokens.none());

    assertThat(auth.decide("127.0.0.1", null, INCIDENTS, ORDERS)).isEqualTo(new CommandAuth.Decision.Granted(Optional.empty()));
    assertThat(auth.decide("0:0:0:0:0:0:0:1", null, INCIDENTS, ORDERS)).isInstanceOf(CommandAuth.Decision.Granted.class);
    assertThat(auth.decide("[::1]", null, INCIDENTS, ORDERS)).isInstanceOf(CommandAuth.Decision.Granted.class);
    assertThat(auth.decide("192.0.2.7", "Bearer " + TOKEN, INCIDENTS, ORDERS)).isEqualTo(new CommandAuth.Decision.Refused(403, "only local callers",
        "changes (acknowledge, snooze or resolve incidents) are accepted from the worker's own machine only while"
            + " http.api_tokens is empty; configure http.api_tokens to allow others"));
    assertThat(auth.decide("::ffff:192.0.2.7", null, INCIDENTS, ORDERS)).isInstanceOf(CommandAuth.Decision.Refused.class);
    // Only IP literals count: a name is never looked up.
    assertThat(auth.decide("localhost", null, INCIDENTS, ORDERS)).isInstanceOf(CommandAuth.Decision.Refused.class);
    assertThat(auth.decide(null, null, INCIDENTS, ORDERS)).isInstanceOf(CommandAuth.Decision.Refused.class);
  }

  @Test
  void withTokensEveryCallerNeedsOneWhereverItComesFrom() {
    CommandAuth auth = new CommandAuth(ApiTokens.of(Map.of("ci", TOKEN, "oncall", TOKEN.toUpperCase())));

    assertThat(auth.decide("127.0.0.1", null, INCIDENTS, ORDERS)).isInstanceOfSatisfying(CommandAuth.Decision.Refused.class,
        r -> assertThat(r.status()).isEqualTo(401));
    assertThat(auth.decide("192.0.2.7", "Bearer " + TOKEN, INCIDENTS, ORDERS)).isEqualTo(new CommandAuth.Decision.Granted(Optional.of("ci")));
    assertThat(auth.decide("192.0.2.7", "bearer   " + TOKEN.toUpperCase() + " ", INCIDENTS, ORDERS))
        .isEqualTo(new CommandAuth.Decision.Granted(Optional.of("oncall")));
    assertThat(auth.decide("127.0.0.1", "Bearer " + TOKEN + "0", INCIDENTS, ORDERS)).isEqualTo(
        new CommandAuth.Decision.Refused(401, "unknown token", "the bearer token is not one of http.api_tokens"));
    assertThat(auth.decide("127.0.0.1", "Basic " + TOKEN, INCIDENTS, ORDERS)).isInstanceOf(CommandAuth.Decision.Refused.class);
    assertThat(auth.decide("127.0.0.1", "Bearer ", INCIDENTS, ORDERS)).isInstanceOf(CommandAuth.Decision.Refused.class);
  }

  @Test
  void withoutTokensReadsAreOpenToEveryone() {
    CommandAuth auth = new CommandAuth(ApiTokens.none());

    assertThat(auth.decide("192.0.2.7", null, ApiAction.READ, Optional.empty())).isEqualTo(new CommandAuth.Decision.Granted(Optional.empty()));
    assertThat(auth.decide("192.0.2.7", null, ApiAction.APPLY, Optional.empty())).isInstanceOf(CommandAuth.Decision.Refused.class);
  }

  @Test
  void eachRoleMayDoWhatItsRoleAllowsAndARefusalNamesTheRole() {
    String owner = TOKEN.replace('0', 'o');
    String viewer = TOKEN.replace('0', 'v');
    CommandAuth auth = new CommandAuth(ApiTokens.of(Map.of("platform-ci", TOKEN, "orders-team", owner, "dashboards", viewer),
        Map.of("platform-ci", new ApiRole.Platform(), "orders-team", new ApiRole.Owner(Set.of("orders", "billing")),
            "dashboards", new ApiRole.Viewer())));
    Optional<String> payments = Optional.of("payments");

    for (ApiAction action : ApiAction.values()) {
      assertThat(auth.decide("192.0.2.7", "Bearer " + TOKEN, action, payments)).as(action.name())
          .isEqualTo(new CommandAuth.Decision.Granted(Optional.of("platform-ci")));
    }
    assertThat(auth.decide("192.0.2.7", "Bearer " + owner, ApiAction.READ, Optional.empty())).isInstanceOf(CommandAuth.Decision.Granted.class);
    assertThat(auth.decide("192.0.2.7", "Bearer " + owner, ApiAction.ACT_ON_INCIDENTS, ORDERS)).isInstanceOf(CommandAuth.Decision.Granted.class);
    assertThat(auth.decide("192.0.2.7", "Bearer " + owner, ApiAction.EVALUATE, Optional.of("billing"))).isInstanceOf(CommandAuth.Decision.Granted.class);
    assertThat(auth.decide("192.0.2.7", "Bearer " + owner, ApiAction.ACT_ON_INCIDENTS, payments)).isEqualTo(new CommandAuth.Decision.Refused(403,
        "forbidden", "role owner (of billing, orders) cannot acknowledge, snooze or resolve incidents of domain payments (token orders-team)"));
    assertThat(auth.decide("192.0.2.7", "Bearer " + owner, ApiAction.APPLY, Optional.empty())).isEqualTo(new CommandAuth.Decision.Refused(403,
        "forbidden", "role owner (of billing, orders) cannot apply products (token orders-team)"));
    assertThat(auth.decide("192.0.2.7", "Bearer " + owner, ApiAction.RETIRE, ORDERS)).isInstanceOf(CommandAuth.Decision.Refused.class);
    assertThat(auth.decide("192.0.2.7", "Bearer " + viewer, ApiAction.READ, Optional.empty())).isInstanceOf(CommandAuth.Decision.Granted.class);
    assertThat(auth.decide("192.0.2.7", "Bearer " + viewer, ApiAction.APPLY, Optional.empty())).isEqualTo(new CommandAuth.Decision.Refused(403,
        "forbidden", "role viewer cannot apply products (token dashboards)"));
    assertThat(auth.decide("192.0.2.7", "Bearer " + viewer, ApiAction.EVALUATE, ORDERS)).isInstanceOf(CommandAuth.Decision.Refused.class);
  }

  @Test
  void configuredRolesReachTheTokensAndATokenWithoutARoleIsPlatform() throws Exception {
    ConfigLoader loader = new ConfigLoader(Map.of("CI_TOKEN", TOKEN, "OWNER_TOKEN", TOKEN.toUpperCase(), "VIEW_TOKEN", TOKEN + "v"));

    ApiTokens tokens = ApiTokens.resolve(Map.of(
        "ci", new WorkerConfig.ApiToken("CI_TOKEN", null),
        "orders-team", new WorkerConfig.ApiToken("OWNER_TOKEN", null, "owner", List.of("orders")),
        "dashboards", new WorkerConfig.ApiToken("VIEW_TOKEN", null, "viewer", List.of())), loader);

    assertThat(tokens.role("ci")).isEqualTo(new ApiRole.Platform());
    assertThat(tokens.role("orders-team")).isEqualTo(new ApiRole.Owner(Set.of("orders")));
    assertThat(tokens.role("dashboards")).isEqualTo(new ApiRole.Viewer());
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
