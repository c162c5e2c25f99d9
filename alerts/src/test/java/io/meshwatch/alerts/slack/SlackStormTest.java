package io.meshwatch.alerts.slack;

import static io.meshwatch.alerts.Incidents.input;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.alerts.Incidents;
import io.meshwatch.alerts.SinkResult;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.incident.IncidentProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A storm: 500 products breach within one minute. Every incident is delivered (none dropped), each in
 * exactly one post; no channel gets more than Slack's one post per second; the openings beyond
 * {@code digest_after} per window arrive as digests; every 429 is handled. Runs on time twenty times
 * faster than the wall clock, the local Slack server included, so the minute takes three seconds.
 */
class SlackStormTest {

  private static final int PRODUCTS = 500;
  private static final long FACTOR = 20;
  private static final Duration SPREAD = Duration.ofSeconds(50);

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void fiveHundredOpeningsInOneChannelAreAllDeliveredWithinTheRateThroughDigests() throws Exception {
    storm(1);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void fiveHundredOpeningsAcrossFiveChannelsAreAllDeliveredWithinTheRateThroughDigests() throws Exception {
    storm(5);
  }

  private void storm(int channels) throws Exception {
    Map<String, TeamDirectory.TeamRoute> teams = new HashMap<>();
    for (int t = 0; t < channels; t++) {
      teams.put("team-" + t, new TeamDirectory.TeamRoute(channel(t), false));
    }
    try (SlackFixture slack = new SlackFixture(FACTOR, s -> s, o -> o, TeamDirectory.of(teams))) {
      for (int t = 0; t < channels; t++) {
        slack.server.addChannel(channel(t), "team-" + t);
      }
      List<DeliveryInput> openings = new ArrayList<>();
      for (int p = 0; p < PRODUCTS; p++) {
        IncidentProduct product = Incidents.product("storm", "product-" + p, "team-" + (p % channels));
        IncidentSnapshot incident = Incidents.open(product, List.of(Incidents.completeness(Incidents.OPENED_AT)));
        openings.add(input(DeliveryIntent.OPENED, incident, null));
      }

      Map<String, SinkResult> results = new ConcurrentHashMap<>();
      List<Throwable> failures = new ArrayList<>();
      try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
          DeliveryInput opening = openings.get(p);
          Duration at = SPREAD.multipliedBy(p).dividedBy(PRODUCTS);
          running.add(workers.submit(() -> {
            slack.time.sleep(at);
            results.put(opening.key(), slack.sink.deliver(opening));
            return null;
          }));
        }
        for (Future<?> future : running) {
          try {
            future.get();
          } catch (java.util.concurrent.ExecutionException e) {
            failures.add(e.getCause());
          }
        }
      }

      assertThat(failures).as("deliveries that failed (a 429 not handled, a digest not posted)").isEmpty();
      assertThat(results).hasSize(PRODUCTS);

      // Every incident is in exactly one top-level post, and its reference names that post.
      Map<String, LocalSlackServer.StoredMessage> postOf = new HashMap<>();
      int digests = 0;
      for (int t = 0; t < channels; t++) {
        for (LocalSlackServer.StoredMessage message : slack.server.messages(channel(t))) {
          List<String> keys = message.memberKeys().isEmpty() ? List.of(message.metadataKey()) : message.memberKeys();
          digests += message.memberKeys().isEmpty() ? 0 : 1;
          assertThat(message.blocks().size()).isLessThanOrEqualTo(SlackMessage.MAX_BLOCKS);
          for (String key : keys) {
            assertThat(postOf.put(key, message)).as("%s is in one post only", key).isNull();
          }
        }
      }
      Set<String> expected = new HashSet<>(openings.stream().map(DeliveryInput::key).toList());
      assertThat(postOf.keySet()).isEqualTo(expected);
      for (DeliveryInput opening : openings) {
        LocalSlackServer.StoredMessage post = postOf.get(opening.key());
        SinkResult result = results.get(opening.key());
        assertThat(result.message().id()).isEqualTo(post.ts());
        assertThat(result.message().channel()).isEqualTo(post.channel());
        assertThat(result.message().sink()).isEqualTo(post.memberKeys().isEmpty() ? SlackSink.NAME : SlackSink.DIGEST);
      }
      assertThat(slack.server.allMessages()).noneMatch(m -> !m.topLevel());

      // Digests carried the storm: a handful of posts per channel, not hundreds.
      assertThat(digests).isGreaterThanOrEqualTo(channels);
      for (int t = 0; t < channels; t++) {
        int individual = (int) slack.server.messages(channel(t)).stream().filter(m -> m.memberKeys().isEmpty()).count();
        assertThat(individual).isEqualTo(5);
        int perChannel = PRODUCTS / channels;
        int parts = (perChannel - 5 + DigestMessages.PER_PART - 1) / DigestMessages.PER_PART;
        assertThat(slack.server.messages(channel(t))).hasSize(5 + parts);
      }

      // Within Slack's rate: accepted posts in a channel are at least a second apart.
      Map<String, List<Instant>> postTimes = new HashMap<>();
      for (LocalSlackServer.Call call : slack.server.acceptedPosts()) {
        postTimes.computeIfAbsent(call.params().get("channel"), c -> new ArrayList<>()).add(call.at());
      }
      for (List<Instant> times : postTimes.values()) {
        for (int i = 1; i < times.size(); i++) {
          assertThat(Duration.between(times.get(i - 1), times.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
      }
      // The limiter keeps 429s rare; each one that happened was waited out (no failures above).
      assertThat(slack.server.rateLimitedCalls()).isLessThanOrEqualTo(slack.server.acceptedPosts().size());
    }
  }

  private static String channel(int team) {
    return "C0STORM" + team + "X";
  }
}
