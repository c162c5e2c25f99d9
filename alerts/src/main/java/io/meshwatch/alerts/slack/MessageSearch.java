package io.meshwatch.alerts.slack;

import com.slack.api.model.Message;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the message an earlier attempt may have posted before it crashed: by its outbox key in the
 * message metadata, among the messages since the outbox entry was created (less a margin). Where it
 * cannot look (a channel given by name, a scope the app lacks) it says so in the log and reports
 * nothing found: a rare duplicate beats a lost alert.
 */
final class MessageSearch {

  private static final Logger log = LoggerFactory.getLogger(MessageSearch.class);

  /** Slack's answers that mean "cannot look here", not "Slack is broken". */
  private static final Set<String> CANNOT_LOOK = Set.of("channel_not_found", "thread_not_found", "not_in_channel",
      "missing_scope", "user_not_found", "users_not_found", "cannot_dm_bot", "method_not_supported_for_channel_type");

  /** Where an earlier attempt may have posted. */
  sealed interface Place {
    /** A top-level post in a channel (a main message, a digest, an escalation, a notice). */
    record TopLevel(String channel) implements Place {}

    /** A reply in a thread. */
    record Thread(String channel, String threadTs) implements Place {}

    /** A direct message to a user. */
    record Direct(String userId) implements Place {}
  }

  private final SlackGateway slack;

  MessageSearch(SlackGateway slack) {
    this.slack = Objects.requireNonNull(slack, "slack");
  }

  Optional<Posted> find(String key, Instant since, List<Place> places) {
    for (Place place : places) {
      try {
        Optional<Posted> found = switch (place) {
          case Place.TopLevel p -> match(key, p.channel(), slack.history(p.channel(), since));
          case Place.Thread p -> match(key, p.channel(), slack.replies(p.channel(), p.threadTs(), since));
          case Place.Direct p -> {
            String channel = slack.openDirect(p.userId());
            yield match(key, channel, slack.history(channel, since));
          }
        };
        if (found.isPresent()) {
          log.info("message {} was posted by an earlier attempt ({} in {}); not posting it again", key,
              found.get().ts(), found.get().channel());
          return found;
        }
      } catch (SlackApiError e) {
        if (!CANNOT_LOOK.contains(e.error())) {
          throw e;
        }
        log.warn("cannot check whether an earlier attempt posted {} ({}); posting it, a duplicate is possible", key,
            e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static Optional<Posted> match(String key, String channel, List<Message> messages) {
    return messages.stream().filter(m -> SlackMetadata.carries(m, key)).findFirst()
        .map(m -> new Posted(channel, m.getTs(), SlackMetadata.isDigest(m)));
  }
}
