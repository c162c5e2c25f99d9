package io.meshwatch.alerts.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import io.meshwatch.alerts.text.HumanDuration;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.incident.IncidentState;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A digest: the openings of one window in one channel, each product with its failing checks (and an
 * Acknowledge button beside it). Slack takes at most 50 blocks per message, so a big digest is split
 * into parts of {@value #PER_PART} products, each part one message.
 */
final class DigestMessages {

  /** A header and a footer leave 48 of Slack's 50 blocks for products. */
  static final int PER_PART = SlackMessage.MAX_BLOCKS - 2;

  /** One part: its message and the openings in it, in order. */
  record Part(SlackMessage message, List<OpeningDigest.Entry> entries) {}

  private DigestMessages() {}

  static List<Part> parts(String channel, Instant opened, Duration window, int after, List<OpeningDigest.Entry> entries) {
    List<Part> parts = new ArrayList<>();
    int count = (entries.size() + PER_PART - 1) / PER_PART;
    for (int p = 0; p < count; p++) {
      List<OpeningDigest.Entry> slice = entries.subList(p * PER_PART, Math.min(entries.size(), (p + 1) * PER_PART));
      String of = count == 1 ? "" : " (" + (p + 1) + "/" + count + ")";
      List<LayoutBlock> blocks = new ArrayList<>();
      blocks.add(header(h -> h.text(plainText(":rotating_light: " + entries.size() + " data products breached within "
          + HumanDuration.of(window) + of, true))));
      for (OpeningDigest.Entry entry : slice) {
        blocks.add(product(entry.incident()));
      }
      blocks.add(context(List.<ContextBlockElement>of(markdownText("More than " + after + " incidents opened in this channel within "
          + HumanDuration.of(window) + ", so they come as one digest. Updates, escalations and reminders of each follow in this thread."))));
      String text = entries.size() + " data products breached" + of + ": " + Mrkdwn.truncate(slice.stream()
          .map(e -> Mrkdwn.escape(e.incident().product().id().toString())).collect(Collectors.joining(", ")), 2500);
      List<Map.Entry<String, String>> members = slice.stream()
          .map(e -> (Map.Entry<String, String>) new AbstractMap.SimpleImmutableEntry<>(e.incident().incidentId(), e.key()))
          .toList();
      String digestKey = "digest/" + channel + "/" + opened.toEpochMilli() + "/" + (p + 1);
      parts.add(new Part(new SlackMessage(text, blocks, SlackMetadata.digest(digestKey, members)), List.copyOf(slice)));
    }
    return parts;
  }

  private static LayoutBlock product(IncidentSnapshot s) {
    String head = "*" + Mrkdwn.escape(s.product().id().toString()) + "* is "
        + IncidentMessages.productStateWord(s.productState()) + " since " + Mrkdwn.date(s.openedAt()) + " — owner "
        + Mrkdwn.escape(s.product().owner()) + "\n";
    String text = head + IncidentMessages.failingLines(s, IncidentMessages.SECTION_TEXT - head.length());
    if (s.state() == IncidentState.RESOLVED) {
      return section(b -> b.text(markdownText(text)));
    }
    return section(b -> b.text(markdownText(text)).accessory(IncidentMessages.acknowledgeButton(s.incidentId())));
  }
}
