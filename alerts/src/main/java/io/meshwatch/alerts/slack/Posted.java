package io.meshwatch.alerts.slack;

import java.util.Objects;

/**
 * A message in Slack: its channel id (as Slack returned it: a {@code D…} id for a direct message) and
 * ts. {@code digest} marks a digest that carries several incidents' openings, which is never edited
 * for one of them.
 *
 * <p>Stored in the outbox's message id as {@code <channel>/<ts>} (with {@code #digest} appended for a
 * digest), since a ts alone names a message only within its channel.
 */
record Posted(String channel, String ts, boolean digest) {

  private static final String DIGEST_MARK = "#digest";

  Posted {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(ts, "ts");
  }

  String outboxId() {
    return channel + "/" + ts + (digest ? DIGEST_MARK : "");
  }

  /** Reads an outbox message id; a bare ts (written elsewhere) is taken to be in {@code channel}. */
  static Posted fromOutbox(String messageId, String channel) {
    boolean digest = messageId.endsWith(DIGEST_MARK);
    String id = digest ? messageId.substring(0, messageId.length() - DIGEST_MARK.length()) : messageId;
    int slash = id.indexOf('/');
    return slash < 0 ? new Posted(channel, id, digest) : new Posted(id.substring(0, slash), id.substring(slash + 1), digest);
  }
}
