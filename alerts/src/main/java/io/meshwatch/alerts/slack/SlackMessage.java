package io.meshwatch.alerts.slack;

import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * A message meshwatch sends: the text (the notification and screen-reader fallback), the Block Kit
 * blocks (empty for a plain reply) and the metadata that names the incident and the outbox key.
 */
record SlackMessage(String text, List<LayoutBlock> blocks, Message.Metadata metadata) {

  /** Slack refuses more than 50 blocks in one message. */
  static final int MAX_BLOCKS = 50;

  SlackMessage {
    Objects.requireNonNull(text, "text");
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
    Objects.requireNonNull(metadata, "metadata");
    if (blocks.size() > MAX_BLOCKS) {
      throw new IllegalArgumentException("a Slack message holds at most " + MAX_BLOCKS + " blocks, got " + blocks.size());
    }
  }
}
