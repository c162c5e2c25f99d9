package io.meshwatch.alerts.slack;

import io.meshwatch.alerts.IncidentLinks;
import io.meshwatch.alerts.Secret;
import io.meshwatch.alerts.outbox.DeliveryOutbox;
import io.meshwatch.alerts.outbox.InMemoryDeliveryOutbox;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A Slack sink wired to a {@link LocalSlackServer} on accelerated time: channels for the owner, the
 * platform and two consumer teams, a steward who is in Slack, and the real Slack client in between.
 */
final class SlackFixture implements AutoCloseable {

  static final String TOKEN = "xoxb-1111-2222-meshwatch-test-token";
  static final String ORDERS = "C0ORDERS1";
  static final String PLATFORM = "C0PLATFORM";
  static final String FINANCE = "C0FINANCE1";
  static final String ML = "C0MLTEAM1";
  static final String STEWARD = "U0STEWARD1";

  static final TeamDirectory TEAMS = TeamDirectory.of(Map.of(
      "team-orders", new TeamDirectory.TeamRoute(ORDERS, false),
      "finance", new TeamDirectory.TeamRoute(FINANCE, true),
      "ml", new TeamDirectory.TeamRoute(ML, false)));

  static final IncidentLinks LINKS = new IncidentLinks("https://grafana.example.com/d/product?var-domain={domain}&var-name={name}",
      "https://runbooks.example.com/{domain}/{name}");

  final AcceleratedTime time;
  final LocalSlackServer server;
  final InMemoryDeliveryOutbox records;
  final DeliveryOutbox outbox;
  final SlackSink sink;

  /**
   * {@code factor}: how much faster than the wall clock time runs; {@code tune}: changes to the
   * settings; {@code wrap}: a decorator of the in-memory outbox (to simulate a crash).
   */
  SlackFixture(long factor, UnaryOperator<SlackSettings> tune, UnaryOperator<DeliveryOutbox> wrap, TeamDirectory teams)
      throws IOException {
    this(factor, tune, wrap, teams, TOKEN);
  }

  SlackFixture(long factor, UnaryOperator<SlackSettings> tune, UnaryOperator<DeliveryOutbox> wrap, TeamDirectory teams,
      String clientToken) throws IOException {
    this.time = new AcceleratedTime(java.time.Instant.parse("2026-11-21T08:00:00Z"), factor);
    this.server = LocalSlackServer.start(TOKEN, time, Duration.ofSeconds(1))
        .addChannel(ORDERS, "orders-alerts")
        .addChannel(PLATFORM, "platform-escalations")
        .addChannel(FINANCE, "finance")
        .addChannel(ML, "ml-team")
        .addUser(STEWARD, "steward@example.com");
    this.records = new InMemoryDeliveryOutbox(time, 100_000);
    this.outbox = wrap.apply(records);
    SlackSettings settings = tune.apply(SlackSettings.of(Secret.of(clientToken), server.apiBaseUrl(), PLATFORM, 5,
        Duration.ofMinutes(1)));
    this.sink = SlackSink.create(settings, teams, LINKS, outbox, time, time);
  }

  static SlackFixture standard() throws IOException {
    return new SlackFixture(50, s -> s, o -> o, TEAMS);
  }

  @Override
  public void close() throws Exception {
    sink.close();
    server.close();
  }
}
