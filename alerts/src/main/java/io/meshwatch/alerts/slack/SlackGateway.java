package io.meshwatch.alerts.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import io.meshwatch.alerts.DeliveryFailure;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack Web API methods meshwatch uses, through the official client, with Slack's limits kept:
 * posts wait for their channel's turn ({@link ChannelRateLimiter}); a 429 is waited out per its
 * {@code Retry-After} while the activity may still wait, else the activity fails with Temporal's next
 * retry set after it. Transport failures and 5xx are retryable activity failures; an {@code ok:false}
 * answer is a {@link SlackApiError} for the caller to judge.
 */
final class SlackGateway implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackGateway.class);

  /** Slack's errors for a message whose edit is impossible: the incident goes on without the edit. */
  private static final Set<String> UNEDITABLE = Set.of("message_not_found", "cant_update_message", "edit_window_closed");
  private static final int PAGE = 200;
  private static final int MAX_PAGES = 10;

  @FunctionalInterface
  interface Call<T> {
    T run(MethodsClient methods) throws IOException, SlackApiException;
  }

  private final MethodsClient methods;
  private final AutoCloseable client;
  private final ChannelRateLimiter limiter;
  private final Sleeper sleeper;
  private final Duration maxWait;

  SlackGateway(MethodsClient methods, AutoCloseable client, ChannelRateLimiter limiter, Sleeper sleeper, Duration maxWait) {
    this.methods = Objects.requireNonNull(methods, "methods");
    this.client = client;
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
  }

  /** The official client aimed at {@code settings.apiBaseUrl()}, with none of its request logging. */
  static SlackGateway connect(SlackSettings settings, ChannelRateLimiter limiter, Sleeper sleeper) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiBaseUrl().toString());
    // The client's default listeners log whole requests and responses at debug level; meshwatch logs
    // its own summary lines, so nothing of a request (headers included) reaches a log.
    config.setHttpClientResponseHandlers(new ArrayList<>());
    config.setPrettyResponseLoggingEnabled(false);
    config.setStatsEnabled(false);
    int timeout = (int) Math.min(Integer.MAX_VALUE, settings.httpTimeout().toMillis());
    config.setHttpClientReadTimeoutMillis(timeout);
    config.setHttpClientWriteTimeoutMillis(timeout);
    config.setHttpClientCallTimeoutMillis(timeout);
    Slack slack = Slack.getInstance(config);
    return new SlackGateway(slack.methods(settings.botToken().reveal()), slack, limiter, sleeper, settings.maxRateLimitWait());
  }

  /** {@code chat.postMessage}, in {@code threadTs}'s thread when given. */
  Posted post(String channel, String threadTs, SlackMessage message) {
    ChatPostMessageResponse response = call("chat.postMessage", channel, true, m -> m.chatPostMessage(r -> r
        .channel(channel)
        .threadTs(threadTs)
        .text(message.text())
        .blocks(message.blocks().isEmpty() ? null : message.blocks())
        .metadata(message.metadata())
        .unfurlLinks(false)
        .unfurlMedia(false)));
    log.debug("posted in {} (thread {}): ts {}", response.getChannel(), threadTs, response.getTs());
    return new Posted(response.getChannel(), response.getTs(), false);
  }

  /**
   * {@code chat.update}: the text and blocks replaced, the metadata left as posted (it names the
   * message's own key). False when the message can no longer be edited (deleted, too old).
   */
  boolean update(String channel, String ts, SlackMessage message) {
    try {
      call("chat.update", channel, false, m -> m.chatUpdate(r -> r
          .channel(channel)
          .ts(ts)
          .text(message.text())
          .blocks(message.blocks())));
      return true;
    } catch (SlackApiError e) {
      if (UNEDITABLE.contains(e.error())) {
        log.warn("main message {} in {} cannot be edited ({}); the thread reply still goes out", ts, channel, e.error());
        return false;
      }
      throw e;
    }
  }

  /** {@code users.lookupByEmail}: the user's id; {@link SlackApiError} {@code users_not_found} when nobody has it. */
  String userIdByEmail(String email) {
    return call("users.lookupByEmail", null, false, m -> m.usersLookupByEmail(r -> r.email(email))).getUser().getId();
  }

  /** {@code conversations.open}: the id of the direct-message channel with {@code userId}. */
  String openDirect(String userId) {
    return call("conversations.open", null, false, m -> m.conversationsOpen(r -> r.users(List.of(userId))))
        .getChannel().getId();
  }

  /** {@code conversations.history} since {@code oldest}, metadata included: top-level messages, newest first. */
  List<Message> history(String channel, Instant oldest) {
    List<Message> messages = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String from = cursor;
      ConversationsHistoryResponse response = call("conversations.history", channel, false, m -> m.conversationsHistory(r -> r
          .channel(channel).oldest(ts(oldest)).limit(PAGE).cursor(from).includeAllMetadata(true)));
      messages.addAll(response.getMessages() == null ? List.of() : response.getMessages());
      cursor = next(response.getResponseMetadata());
      if (cursor == null) {
        break;
      }
    }
    return messages;
  }

  /** {@code conversations.replies} of {@code threadTs} since {@code oldest}, metadata included. */
  List<Message> replies(String channel, String threadTs, Instant oldest) {
    List<Message> messages = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String from = cursor;
      ConversationsRepliesResponse response = call("conversations.replies", channel, false, m -> m.conversationsReplies(r -> r
          .channel(channel).ts(threadTs).oldest(ts(oldest)).limit(PAGE).cursor(from).includeAllMetadata(true)));
      messages.addAll(response.getMessages() == null ? List.of() : response.getMessages());
      cursor = next(response.getResponseMetadata());
      if (cursor == null) {
        break;
      }
    }
    return messages;
  }

  private <T extends SlackApiTextResponse> T call(String method, String channel, boolean paced, Call<T> call) {
    Duration waited = Duration.ZERO;
    while (true) {
      Duration retryAfter;
      try {
        if (paced) {
          limiter.acquire(channel, maxWait.minus(waited));
        }
        T response;
        try {
          response = call.run(methods);
        } finally {
          if (paced) {
            limiter.posted(channel);
          }
        }
        if (response.isOk()) {
          return response;
        }
        if (!"ratelimited".equals(response.getError())) {
          throw new SlackApiError(method, response.getError(), channel);
        }
        retryAfter = retryAfter(response.getHttpResponseHeaders());
      } catch (SlackApiException e) {
        int status = e.getResponse().code();
        if (status == 429) {
          retryAfter = parseRetryAfter(e.getResponse().header("Retry-After"));
        } else if (status >= 500) {
          throw DeliveryFailure.SLACK_UNAVAILABLE.retryable(method + " answered HTTP " + status);
        } else {
          String error = e.getError() != null && e.getError().getError() != null ? e.getError().getError() : "http_" + status;
          throw new SlackApiError(method, error, channel);
        }
      } catch (ChannelRateLimiter.ChannelBusy e) {
        throw DeliveryFailure.SLACK_RATE_LIMITED.retryAfter(
            method + ": channel " + channel + " has no free slot within " + maxWait.minus(waited), e.waitNeeded());
      } catch (IOException e) {
        throw DeliveryFailure.SLACK_UNAVAILABLE.retryable(method + " could not reach Slack: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw DeliveryFailure.SLACK_UNAVAILABLE.retryable(method + " interrupted while waiting for its turn");
      }
      try {
        waited = waited.plus(waitOut(method, channel, paced, retryAfter, waited));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw DeliveryFailure.SLACK_RATE_LIMITED.retryable(method + " interrupted while waiting out a rate limit");
      }
    }
  }

  /**
   * Waits out a 429 if the activity still may, and says how long; else fails it with the delay. A
   * post's 429 is the channel's: the limiter holds every post there until Retry-After has passed, and
   * the next acquire waits for that. Other methods' limits are their own: the caller sleeps.
   */
  private Duration waitOut(String method, String channel, boolean paced, Duration retryAfter, Duration waited)
      throws InterruptedException {
    if (paced) {
      limiter.backOff(channel, retryAfter);
    }
    if (waited.plus(retryAfter).compareTo(maxWait) > 0) {
      throw DeliveryFailure.SLACK_RATE_LIMITED.retryAfter(method + " rate limited by Slack; retry after " + retryAfter, retryAfter);
    }
    log.info("{} rate limited by Slack{}; waiting {}", method, channel == null ? "" : " in " + channel, retryAfter);
    if (!paced) {
      sleeper.sleep(retryAfter);
    }
    return retryAfter;
  }

  private static Duration retryAfter(Map<String, List<String>> headers) {
    if (headers == null) {
      return Duration.ofSeconds(1);
    }
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if ("retry-after".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
        return parseRetryAfter(header.getValue().getFirst());
      }
    }
    return Duration.ofSeconds(1);
  }

  private static Duration parseRetryAfter(String value) {
    try {
      return Duration.ofSeconds(Math.max(1, Long.parseLong(value == null ? "1" : value.strip())));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }

  private static String ts(Instant at) {
    return at.getEpochSecond() + "." + String.format("%06d", at.getNano() / 1000);
  }

  private static String next(ResponseMetadata metadata) {
    return metadata == null || metadata.getNextCursor() == null || metadata.getNextCursor().isBlank() ? null : metadata.getNextCursor();
  }

  @Override
  public void close() throws Exception {
    if (client != null) {
      client.close();
    }
  }
}
