package io.meshwatch.alerts.slack;

import io.meshwatch.alerts.DeliveryFailure;
import io.meshwatch.alerts.IncidentLinks;
import io.meshwatch.alerts.IncidentSink;
import io.meshwatch.alerts.SinkResult;
import io.meshwatch.alerts.outbox.DeliveryOutbox;
import io.meshwatch.alerts.outbox.OutboxEntry;
import io.meshwatch.alerts.slack.MessageSearch.Place;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.MessageRef;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers incidents to Slack (DESIGN §7). OPENED posts the main message in the owner's channel (or
 * joins a digest in a storm); UPDATED, ACKNOWLEDGED, SNOOZED and RESOLVED edit it and reply in its
 * thread; REMINDER replies only; ESCALATED_TO_STEWARD messages the steward directly (or says in the
 * thread why it could not); ESCALATED_TO_PLATFORM posts in the platform channel; CONSUMER_NOTICE posts
 * in each opted-in consumer channel.
 *
 * <p>Exactly one message per intent: its outbox key is claimed before any Slack call. A key already
 * sent returns at once, without a call. A key an earlier attempt claimed but did not finish is first
 * looked for in Slack (every message carries its key in its metadata), and posted only when absent.
 * Multi-channel intents use one key per channel: {@code <key>#<channel>}.
 *
 * <p>The main message is referenced as sink {@value #NAME}; an incident whose opening went out in a
 * digest as {@value #DIGEST}: the digest is never edited for one incident, so its changes are replies
 * in the digest's thread.
 */
public final class SlackSink implements IncidentSink, AutoCloseable {

  public static final String NAME = "slack";
  public static final String DIGEST = "slack-digest";

  private static final Logger log = LoggerFactory.getLogger(SlackSink.class);

  /** Slack's answers that refuse the message itself: sending it again cannot help. */
  private static final Set<String> INVALID_MESSAGE = Set.of("invalid_blocks", "invalid_blocks_format", "msg_too_long",
      "no_text", "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large", "invalid_arguments",
      "too_many_attachments");
  /** How much longer than the window a batched opening waits for its digest before it fails and retries. */
  private static final Duration DIGEST_GRACE = Duration.ofMinutes(5);

  private final SlackSettings settings;
  private final DeliveryOutbox outbox;
  private final SlackGateway slack;
  private final SlackRoutes routes;
  private final IncidentMessages messages;
  private final StewardLookup stewards;
  private final MessageSearch search;
  private final OpeningDigest digest;
  private final Clock clock;
  private final Sleeper sleeper;

  SlackSink(SlackSettings settings, TeamDirectory teams, IncidentLinks links, DeliveryOutbox outbox, SlackGateway slack,
      Clock clock, Sleeper sleeper) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.slack = Objects.requireNonNull(slack, "slack");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.routes = new SlackRoutes(teams, settings.platformChannel());
    this.messages = new IncidentMessages(links);
    this.stewards = new StewardLookup(slack, settings.stewardCacheTtl(), clock);
    this.search = new MessageSearch(slack);
    this.digest = new OpeningDigest(settings.digestAfter(), settings.digestWindow(), clock);
  }

  /** The Slack sink of the worker: the official client aimed at {@code settings.apiBaseUrl()}, real time. */
  public static SlackSink create(SlackSettings settings, TeamDirectory teams, IncidentLinks links, DeliveryOutbox outbox) {
    return create(settings, teams, links, outbox, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /** As {@link #create(SlackSettings, TeamDirectory, IncidentLinks, DeliveryOutbox)}, on a given clock. */
  public static SlackSink create(SlackSettings settings, TeamDirectory teams, IncidentLinks links, DeliveryOutbox outbox,
      Clock clock, Sleeper sleeper) {
    ChannelRateLimiter limiter = new ChannelRateLimiter(settings.channelInterval(), clock, sleeper);
    return new SlackSink(settings, teams, links, outbox, SlackGateway.connect(settings, limiter, sleeper), clock, sleeper);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SinkResult deliver(DeliveryInput input) {
    try {
      return switch (input.intent()) {
        case OPENED -> opened(input, true);
        case UPDATED, ACKNOWLEDGED, SNOOZED, RESOLVED -> changed(input);
        case REMINDER -> reminder(input);
        case ESCALATED_TO_STEWARD -> steward(input);
        case ESCALATED_TO_PLATFORM -> platform(input);
        case CONSUMER_NOTICE -> consumers(input);
      };
    } catch (SlackApiError e) {
      throw failure(e);
    }
  }

  /**
   * Posts the main message in the owner's channel; with {@code mayDigest}, in a storm it waits for
   * its digest instead. Also for a later intent of an incident that has no Slack message yet (Slack
   * was configured after it opened).
   */
  private SinkResult opened(DeliveryInput input, boolean mayDigest) {
    IncidentSnapshot incident = input.incident();
    SlackRoutes.OwnerChannel owner = routes.owner(incident.product());
    OutboxEntry entry = outbox.claim(input.key(), incident.incidentId(), input.intent().name(), owner.channel());
    if (entry.sent()) {
      return SinkResult.skipped(ref(Posted.fromOutbox(entry.messageId(), entry.channel())));
    }
    if (entry.retried()) {
      Optional<Posted> found = search.find(input.key(), since(entry), List.of(new Place.TopLevel(entry.channel())));
      if (found.isPresent()) {
        outbox.markSent(input.key(), found.get().outboxId());
        return SinkResult.skipped(ref(found.get()));
      }
    }
    OpeningDigest.Admission admission = mayDigest
        ? digest.admit(owner.channel(), input.key(), incident)
        : new OpeningDigest.Admission.Alone();
    Posted posted = switch (admission) {
      case OpeningDigest.Admission.Alone alone -> slack.post(owner.channel(), null, messages.main(incident, input.key(), owner.note()));
      case OpeningDigest.Admission.Batched batched -> awaitDigest(batched);
    };
    outbox.markSent(input.key(), posted.outboxId());
    log.info("incident {} opened in Slack {} ({}{})", incident.incidentId(), posted.channel(), posted.ts(),
        posted.digest() ? ", in a digest" : "");
    return new SinkResult(ref(posted), true);
  }

  /** An edit of the main message (never of a digest) and a reply in its thread. */
  private SinkResult changed(DeliveryInput input) {
    Posted main = main(input.message());
    if (main == null) {
      return opened(input, false);
    }
    IncidentSnapshot incident = input.incident();
    OutboxEntry entry = outbox.claim(input.key(), incident.incidentId(), input.intent().name(), main.channel());
    if (entry.sent()) {
      return SinkResult.skipped(input.message());
    }
    if (!main.digest()) {
      // Idempotent: an edit repeated by a retry changes nothing, so it needs no outbox entry of its own.
      slack.update(main.channel(), main.ts(), messages.main(incident, input.key(), ownerNote(incident)));
    }
    return replyOnce(input, entry, main, messages.reply(input.intent(), incident, input.key()));
  }

  private SinkResult reminder(DeliveryInput input) {
    Posted main = main(input.message());
    if (main == null) {
      return opened(input, false);
    }
    OutboxEntry entry = outbox.claim(input.key(), input.incident().incidentId(), input.intent().name(), main.channel());
    if (entry.sent()) {
      return SinkResult.skipped(input.message());
    }
    return replyOnce(input, entry, main, messages.reply(DeliveryIntent.REMINDER, input.incident(), input.key()));
  }

  private SinkResult replyOnce(DeliveryInput input, OutboxEntry entry, Posted main, SlackMessage reply) {
    if (entry.retried()) {
      Optional<Posted> found = search.find(input.key(), since(entry), List.of(new Place.Thread(main.channel(), main.ts())));
      if (found.isPresent()) {
        outbox.markSent(input.key(), found.get().outboxId());
        return SinkResult.skipped(input.message());
      }
    }
    Posted posted = slack.post(main.channel(), main.ts(), reply);
    outbox.markSent(input.key(), posted.outboxId());
    return new SinkResult(input.message(), true);
  }

  /**
   * A direct message to the steward. A steward Slack does not know (or none named) is said in the
   * owner's thread instead: one message either way, and the escalation does not retry forever.
   */
  private SinkResult steward(DeliveryInput input) {
    IncidentSnapshot incident = input.incident();
    Posted main = main(input.message());
    String home = main != null ? main.channel() : routes.owner(incident.product()).channel();
    OutboxEntry entry = outbox.claim(input.key(), incident.incidentId(), input.intent().name(), home);
    if (entry.sent()) {
      return SinkResult.skipped(input.message());
    }
    StewardLookup.Steward steward = stewards.find(incident.product().steward());
    Place inThread = main != null ? new Place.Thread(main.channel(), main.ts()) : new Place.TopLevel(home);
    if (entry.retried()) {
      // An earlier attempt may have chosen either way: look in both places.
      List<Place> places = new ArrayList<>();
      if (steward instanceof StewardLookup.Steward.Found found) {
        places.add(new Place.Direct(found.userId()));
      }
      places.add(inThread);
      Optional<Posted> found = search.find(input.key(), since(entry), places);
      if (found.isPresent()) {
        outbox.markSent(input.key(), found.get().outboxId());
        return SinkResult.skipped(input.message());
      }
    }
    Posted posted = switch (steward) {
      case StewardLookup.Steward.Found found -> slack.post(found.userId(), null, messages.steward(incident, input.key(), home));
      case StewardLookup.Steward.Unreachable unreachable -> {
        log.warn("steward of {} not reachable in Slack: {}", incident.product().id(), unreachable.reason());
        yield slack.post(home, main == null ? null : main.ts(), messages.stewardUnreachable(incident, input.key(), unreachable.reason()));
      }
    };
    outbox.markSent(input.key(), posted.outboxId());
    return new SinkResult(input.message(), true);
  }

  private SinkResult platform(DeliveryInput input) {
    Optional<String> platform = routes.platform();
    if (platform.isEmpty()) {
      log.warn("incident {} escalates to the platform, but slack.platform_channel is not set", input.incident().incidentId());
      return SinkResult.skipped(input.message());
    }
    IncidentSnapshot incident = input.incident();
    Posted main = main(input.message());
    String ownerChannel = main != null ? main.channel() : ownerChannelOrNull(incident);
    SlackMessage message = messages.platform(incident, input.key(), ownerChannel);
    return postOnce(input, input.key(), platform.get(), message) ? new SinkResult(input.message(), true)
        : SinkResult.skipped(input.message());
  }

  private SinkResult consumers(DeliveryInput input) {
    IncidentSnapshot incident = input.incident();
    String ownerChannel = ownerChannelOrNull(incident);
    boolean sent = false;
    for (SlackRoutes.ConsumerChannel consumer : routes.consumers(incident.product())) {
      if (consumer.channel().equals(ownerChannel)) {
        continue; // the owner's channel has the main message already
      }
      String key = input.key() + "#" + consumer.channel();
      sent |= postOnce(input, key, consumer.channel(), messages.consumerNotice(incident, key, consumer.consumers()));
    }
    return new SinkResult(input.message(), sent);
  }

  /** A top-level post under {@code key}, exactly once; true when this call posted it. */
  private boolean postOnce(DeliveryInput input, String key, String channel, SlackMessage message) {
    OutboxEntry entry = outbox.claim(key, input.incident().incidentId(), input.intent().name(), channel);
    if (entry.sent()) {
      return false;
    }
    if (entry.retried()) {
      Optional<Posted> found = search.find(key, since(entry), List.of(new Place.TopLevel(entry.channel())));
      if (found.isPresent()) {
        outbox.markSent(key, found.get().outboxId());
        return false;
      }
    }
    Posted posted = slack.post(channel, null, message);
    outbox.markSent(key, posted.outboxId());
    return true;
  }

  /**
   * Waits for the digest this opening joined. The leader waits out the window, seals the batch and
   * posts it, part by part; every member then has its part's message, or the failure that stopped it.
   */
  private Posted awaitDigest(OpeningDigest.Admission.Batched batched) {
    if (batched.leader()) {
      postDigest(batched.batch());
    }
    Duration limit = settings.digestWindow().plus(DIGEST_GRACE);
    try {
      return batched.entry().posted().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApplicationFailure failure) {
        throw failure;
      }
      if (e.getCause() instanceof SlackApiError error) {
        throw error;
      }
      throw DeliveryFailure.DIGEST_NOT_POSTED.retryable("the digest in " + batched.batch().channel() + " was not posted: "
          + e.getCause());
    } catch (TimeoutException e) {
      throw DeliveryFailure.DIGEST_NOT_POSTED.retryable("no digest posted in " + batched.batch().channel() + " within " + limit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryFailure.DIGEST_NOT_POSTED.retryable("interrupted while waiting for a digest");
    }
  }

  private void postDigest(OpeningDigest.Batch batch) {
    List<OpeningDigest.Entry> entries = List.of();
    try {
      sleeper.sleep(Duration.between(clock.instant(), batch.closes()));
      entries = digest.seal(batch);
      List<DigestMessages.Part> parts = DigestMessages.parts(batch.channel(), batch.opened(), settings.digestWindow(),
          settings.digestAfter(), entries);
      for (DigestMessages.Part part : parts) {
        Posted posted = slack.post(batch.channel(), null, part.message());
        Posted inDigest = new Posted(posted.channel(), posted.ts(), true);
        part.entries().forEach(e -> e.posted().complete(inDigest));
      }
      log.info("digest of {} openings posted in {} in {} part(s)", entries.size(), batch.channel(), parts.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failRest(entries.isEmpty() ? digest.seal(batch) : entries,
          DeliveryFailure.DIGEST_NOT_POSTED.retryable("interrupted before the digest in " + batch.channel() + " was posted"));
    } catch (RuntimeException e) {
      // Members in parts already posted keep their message; the rest fail and their activities retry.
      failRest(entries.isEmpty() ? digest.seal(batch) : entries, e);
    }
  }

  private static void failRest(List<OpeningDigest.Entry> entries, Throwable failure) {
    entries.forEach(e -> e.posted().completeExceptionally(failure));
  }

  /** The incident's Slack main message, or null when it has none (the reference is another sink's). */
  private static Posted main(MessageRef message) {
    if (message == null || message.id() == null || message.channel() == null) {
      return null;
    }
    return switch (message.sink()) {
      case NAME -> new Posted(message.channel(), message.id(), false);
      case DIGEST -> new Posted(message.channel(), message.id(), true);
      default -> null;
    };
  }

  private static MessageRef ref(Posted posted) {
    return new MessageRef(posted.digest() ? DIGEST : NAME, posted.channel(), posted.ts());
  }

  private Instant since(OutboxEntry entry) {
    return entry.createdAt().minus(settings.recoveryMargin());
  }

  private String ownerNote(IncidentSnapshot incident) {
    try {
      return routes.owner(incident.product()).note();
    } catch (ApplicationFailure e) {
      return null;
    }
  }

  private String ownerChannelOrNull(IncidentSnapshot incident) {
    try {
      return routes.owner(incident.product()).channel();
    } catch (ApplicationFailure e) {
      return null;
    }
  }

  private static ApplicationFailure failure(SlackApiError e) {
    if (INVALID_MESSAGE.contains(e.error())) {
      return DeliveryFailure.SLACK_INVALID_MESSAGE.nonRetryable(e.getMessage());
    }
    String hint = switch (e.error()) {
      case "channel_not_found" -> ": does the channel exist, and is meshwatch's Slack app in it?";
      case "not_in_channel" -> ": invite meshwatch's Slack app to the channel";
      case "is_archived" -> ": the channel is archived; point the team at another";
      case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive" ->
          ": check slack.bot_token";
      case "missing_scope" -> ": the Slack app lacks a scope (see the alerts README)";
      default -> "";
    };
    return DeliveryFailure.SLACK_REFUSED.retryable(e.getMessage() + hint);
  }

  @Override
  public void close() throws Exception {
    slack.close();
  }
}
