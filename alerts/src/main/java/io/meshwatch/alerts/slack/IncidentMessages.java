package io.meshwatch.alerts.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.meshwatch.alerts.IncidentLinks;
import io.meshwatch.alerts.text.CheckText;
import io.meshwatch.alerts.text.HumanDuration;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.ProductState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The words and Block Kit of every message about one incident: the main message (product, state,
 * failing checks with their aggregates, since when, the consumers hurt, links, controls), the thread
 * replies, the steward's direct message, the platform escalation and the consumers' notice. Every
 * text from a spec or a person is escaped ({@link Mrkdwn}); checks appear through {@link CheckText},
 * which carries aggregates only.
 */
final class IncidentMessages {

  private static final Logger log = LoggerFactory.getLogger(IncidentMessages.class);

  /** Slack's limits: a section's text, a field's text, a header's plain text. */
  static final int SECTION_TEXT = 3000;
  private static final int FIELD_TEXT = 2000;
  private static final int HEADER_TEXT = 150;
  private static final int FALLBACK_TEXT = 3000;

  private final IncidentLinks links;

  IncidentMessages(IncidentLinks links) {
    this.links = Objects.requireNonNull(links, "links");
  }

  /** The main message in the owner's channel, as the incident stands; {@code note} explains the routing. */
  SlackMessage main(IncidentSnapshot s, String key, String note) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(headline(s), HEADER_TEXT), true))));
    List<TextObject> fields = new ArrayList<>();
    fields.add(markdownText(field("Owner", Mrkdwn.escape(s.product().owner()))));
    fields.add(markdownText(field("Steward", s.product().steward() == null ? "none named" : Mrkdwn.escape(s.product().steward()))));
    fields.add(markdownText(field("State", stateWords(s))));
    fields.add(markdownText(field("Since", Mrkdwn.date(s.breachSince()))));
    String description = s.product().description() == null || s.product().description().isBlank()
        ? "*" + Mrkdwn.escape(s.product().id().toString()) + "*"
        : "*" + Mrkdwn.escape(s.product().id().toString()) + "* — " + Mrkdwn.escape(Mrkdwn.truncate(s.product().description(), 600));
    blocks.add(section(b -> b.text(markdownText(description)).fields(fields)));
    if (s.state() == IncidentState.RESOLVED) {
      blocks.add(section(b -> b.text(markdownText(Mrkdwn.truncate(resolutionWords(s), SECTION_TEXT)))));
    }
    if (!s.failing().isEmpty()) {
      String title = s.state() == IncidentState.RESOLVED ? "*Checks that failed*\n" : "*Failing checks*\n";
      blocks.add(section(b -> b.text(markdownText(title + failingLines(s, SECTION_TEXT - title.length())))));
    }
    String impact = "*Impact*\n" + impactLines(s.product().consumers());
    blocks.add(section(b -> b.text(markdownText(Mrkdwn.truncate(impact, SECTION_TEXT)))));
    if (note != null) {
      blocks.add(context(List.<ContextBlockElement>of(markdownText(":information_source: " + Mrkdwn.escape(note)))));
    }
    blocks.add(context(footer(s)));
    if (s.state() != IncidentState.RESOLVED) {
      blocks.add(actions(controls(s)));
    }
    return new SlackMessage(fallback(s), blocks, SlackMetadata.incident(s.incidentId(), key));
  }

  /** A reply in the main message's thread: what changed, in words. */
  SlackMessage reply(DeliveryIntent intent, IncidentSnapshot s, String key) {
    String product = "*" + Mrkdwn.escape(s.product().id().toString()) + "*";
    String text = switch (intent) {
      case UPDATED -> s.failing().isEmpty()
          ? ":arrows_counterclockwise: " + product + ": no check is failing now."
          : ":arrows_counterclockwise: " + product + ": the failing checks changed. Now " + s.failing().size()
              + (s.failing().size() == 1 ? " fails" : " fail") + ":\n" + failingLines(s, SECTION_TEXT - 200);
      case ACKNOWLEDGED -> ":eyes: Acknowledged by " + Mrkdwn.actor(s.acknowledgedBy())
          + (s.acknowledgedAt() == null ? "" : " at " + Mrkdwn.date(s.acknowledgedAt())) + ".";
      case SNOOZED -> ":zzz: Snoozed" + (s.snoozedUntil() == null ? "" : " until " + Mrkdwn.date(s.snoozedUntil()))
          + noteSuffix(s) + ".";
      case RESOLVED -> ":white_check_mark: " + resolutionWords(s);
      case REMINDER -> ":bell: " + product + " is still " + productStateWord(s.productState()) + " after "
          + HumanDuration.of(Duration.between(s.openedAt(), s.at())) + " ("
          + (s.acknowledgedBy() != null && s.state() == IncidentState.ACKNOWLEDGED
              ? "acknowledged by " + Mrkdwn.actor(s.acknowledgedBy())
              : "nobody has acknowledged it yet")
          + "); " + s.failing().size() + (s.failing().size() == 1 ? " check fails." : " checks fail.");
      case OPENED, ESCALATED_TO_STEWARD, ESCALATED_TO_PLATFORM, CONSUMER_NOTICE ->
          throw new IllegalArgumentException(intent + " is not a thread reply");
    };
    return new SlackMessage(Mrkdwn.truncate(text, SECTION_TEXT), List.of(), SlackMetadata.incident(s.incidentId(), key));
  }

  /** The steward's direct message: why they hear of it, what fails, who is hurt, and the controls. */
  SlackMessage steward(IncidentSnapshot s, String key, String ownerChannel) {
    String product = "*" + Mrkdwn.escape(s.product().id().toString()) + "*";
    boolean pii = s.failing().stream().anyMatch(f -> f.result().kind() == CheckKind.PII_HANDLING);
    String opening = pii
        ? ":shield: A PII-handling check fails on " + product + ", a data product you steward. The owner team "
            + Mrkdwn.escape(s.product().owner()) + " is alerted in " + Mrkdwn.channel(ownerChannel) + "."
        : ":rotating_light: " + product + ", a data product you steward, has been " + productStateWord(s.productState())
            + " since " + Mrkdwn.date(s.breachSince()) + " and nobody in " + Mrkdwn.channel(ownerChannel)
            + " has acknowledged it for " + HumanDuration.of(Duration.between(s.openedAt(), s.at())) + ".";
    List<LayoutBlock> blocks = escalationBlocks(s, opening);
    blocks.add(actions(controls(s)));
    return new SlackMessage(Mrkdwn.truncate("meshwatch: " + Mrkdwn.escape(s.product().id().toString())
        + " needs its data steward", FALLBACK_TEXT), blocks, SlackMetadata.incident(s.incidentId(), key));
  }

  /** A reply in the owner's thread: the steward could not be reached, and why. */
  SlackMessage stewardUnreachable(IncidentSnapshot s, String key, String reason) {
    String steward = s.product().steward() == null ? "" : " (" + Mrkdwn.escape(s.product().steward()) + ")";
    String text = ":warning: Escalation to the data steward" + steward + " reached no one: " + Mrkdwn.escape(reason)
        + ". Please escalate by hand.";
    return new SlackMessage(text, List.of(), SlackMetadata.incident(s.incidentId(), key));
  }

  /** The post in the platform escalation channel. */
  SlackMessage platform(IncidentSnapshot s, String key, String ownerChannel) {
    String opening = ":sos: *" + Mrkdwn.escape(s.product().id().toString()) + "* has been "
        + productStateWord(s.productState()) + " since " + Mrkdwn.date(s.breachSince()) + ", unacknowledged for "
        + HumanDuration.of(Duration.between(s.openedAt(), s.at())) + " in " + Mrkdwn.channel(ownerChannel)
        + " (owner " + Mrkdwn.escape(s.product().owner()) + "). Escalated to the platform team.";
    List<LayoutBlock> blocks = escalationBlocks(s, opening);
    blocks.add(actions(controls(s)));
    return new SlackMessage(Mrkdwn.truncate("meshwatch escalation: " + Mrkdwn.escape(s.product().id().toString())
        + " unacknowledged", FALLBACK_TEXT), blocks, SlackMetadata.incident(s.incidentId(), key));
  }

  /** The notice in a consumer team's channel: the product they use is broken, and the owner knows. */
  SlackMessage consumerNotice(IncidentSnapshot s, String key, List<ConsumerSpec> consumers) {
    String uses = consumers.stream().map(c -> "*" + Mrkdwn.escape(c.team()) + "*"
        + (c.useCase() == null ? "" : " (" + Mrkdwn.escape(c.useCase()) + ")")).collect(Collectors.joining(", "));
    String opening = ":warning: Heads-up: *" + Mrkdwn.escape(s.product().id().toString()) + "*, which " + uses
        + " consume" + (consumers.size() == 1 ? "s" : "") + ", has been " + productStateWord(s.productState())
        + " since " + Mrkdwn.date(s.breachSince()) + ". The owner team " + Mrkdwn.escape(s.product().owner())
        + " is alerted.";
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(b -> b.text(markdownText(Mrkdwn.truncate(opening, SECTION_TEXT)))));
    if (!s.failing().isEmpty()) {
      blocks.add(section(b -> b.text(markdownText("*Failing checks*\n" + failingLines(s, SECTION_TEXT - 20)))));
    }
    blocks.add(context(footer(s)));
    return new SlackMessage(Mrkdwn.truncate("meshwatch: " + Mrkdwn.escape(s.product().id().toString()) + " is "
        + productStateWord(s.productState()), FALLBACK_TEXT), blocks, SlackMetadata.incident(s.incidentId(), key));
  }

  /** One line per failing check, within {@code budget} characters (the rest counted, not shown). */
  static String failingLines(IncidentSnapshot s, int budget) {
    StringBuilder text = new StringBuilder();
    List<FailingCheck> failing = s.failing();
    for (int i = 0; i < failing.size(); i++) {
      FailingCheck f = failing.get(i);
      String line = "• *" + Mrkdwn.escape(f.checkId()) + "* — " + Mrkdwn.escape(CheckText.describe(f.result()))
          + " — since " + Mrkdwn.date(f.since());
      boolean last = i == failing.size() - 1;
      // Room for this line, and for the count of those after it should the next one not fit.
      int need = text.length() + 1 + line.length() + (last ? 0 : more(failing.size() - i - 1).length() + 1);
      if (need > budget) {
        text.append(text.isEmpty() ? "" : "\n").append(more(failing.size() - i));
        break;
      }
      text.append(text.isEmpty() ? "" : "\n").append(line);
    }
    return text.isEmpty() ? "none" : text.toString();
  }

  private static String more(int count) {
    return "…and " + count + " more failing " + (count == 1 ? "check" : "checks");
  }

  /** The controls: acknowledge (while nobody has), snooze, resolve. */
  static List<BlockElement> controls(IncidentSnapshot s) {
    String id = s.incidentId();
    List<BlockElement> elements = new ArrayList<>();
    if (s.state() == IncidentState.OPEN || s.state() == IncidentState.SNOOZED) {
      elements.add(acknowledgeButton(id));
    }
    String longest = SlackActions.resolveValue(id, Resolution.FALSE_POSITIVE);
    if (longest.length() > SlackActions.MAX_OPTION_VALUE) {
      // Slack refuses option values over 150 characters; an id this long keeps only the button.
      log.warn("incident id {} is too long for Slack's select values; snooze and resolve it with the CLI or the API", id);
      return elements;
    }
    elements.add(staticSelect(sel -> sel.actionId(SlackActions.SNOOZE).placeholder(plainText("Snooze…"))
        .options(SlackActions.SNOOZE_CHOICES.stream().map(c -> option(c.label(), SlackActions.snoozeValue(id, c))).toList())));
    elements.add(staticSelect(sel -> sel.actionId(SlackActions.RESOLVE).placeholder(plainText("Resolve…"))
        .options(SlackActions.RESOLVE_CHOICES.stream().map(r -> option(resolutionLabel(r), SlackActions.resolveValue(id, r))).toList())));
    return elements;
  }

  static ButtonElement acknowledgeButton(String incidentId) {
    return button(b -> b.actionId(SlackActions.ACKNOWLEDGE).value(incidentId).text(plainText("Acknowledge")).style("primary"));
  }

  static String productStateWord(ProductState state) {
    return state == null ? "breached" : switch (state) {
      case LATE -> "late";
      case FAILING -> "failing";
      case ERROR -> "unmeasurable";
      case WARNING -> "warning";
      case HEALTHY -> "healthy";
      case UNKNOWN -> "in an unknown state";
      case PAUSED -> "paused";
    };
  }

  private List<LayoutBlock> escalationBlocks(IncidentSnapshot s, String opening) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(b -> b.text(markdownText(Mrkdwn.truncate(opening, SECTION_TEXT)))));
    if (!s.failing().isEmpty()) {
      blocks.add(section(b -> b.text(markdownText("*Failing checks*\n" + failingLines(s, SECTION_TEXT - 20)))));
    }
    String impact = "*Impact*\n" + impactLines(s.product().consumers());
    blocks.add(section(b -> b.text(markdownText(Mrkdwn.truncate(impact, SECTION_TEXT)))));
    blocks.add(context(footer(s)));
    return blocks;
  }

  private List<ContextBlockElement> footer(IncidentSnapshot s) {
    List<String> parts = new ArrayList<>();
    links.dashboard(s.product().id()).ifPresent(u -> parts.add(Mrkdwn.link(u.toString(), "Dashboard")));
    links.runbook(s.product().id()).ifPresent(u -> parts.add(Mrkdwn.link(u.toString(), "Runbook")));
    parts.add("incident `" + Mrkdwn.escape(s.incidentId()) + "`");
    return List.of(markdownText(Mrkdwn.truncate(String.join(" · ", parts), FIELD_TEXT)));
  }

  private static String headline(IncidentSnapshot s) {
    String product = s.product().id().toString();
    return switch (s.state()) {
      case RESOLVED -> ":white_check_mark: " + product + " resolved after " + HumanDuration.of(openFor(s));
      case ACKNOWLEDGED -> emoji(s.productState()) + " " + product + " is " + productStateWord(s.productState()) + " (acknowledged)";
      case SNOOZED -> emoji(s.productState()) + " " + product + " is " + productStateWord(s.productState()) + " (snoozed)";
      case OPEN -> emoji(s.productState()) + " " + product + " is " + productStateWord(s.productState());
    };
  }

  private static String fallback(IncidentSnapshot s) {
    String product = Mrkdwn.escape(s.product().id().toString());
    String checks = s.failing().stream().map(f -> Mrkdwn.escape(f.checkId())).collect(Collectors.joining(", "));
    String text = s.state() == IncidentState.RESOLVED
        ? product + " resolved after " + HumanDuration.of(openFor(s))
        : product + " is " + productStateWord(s.productState()) + (checks.isEmpty() ? "" : ": " + checks)
            + " — owner " + Mrkdwn.escape(s.product().owner());
    return Mrkdwn.truncate(text, FALLBACK_TEXT);
  }

  private static String stateWords(IncidentSnapshot s) {
    return switch (s.state()) {
      case OPEN -> "Open, not acknowledged";
      case ACKNOWLEDGED -> "Acknowledged by " + Mrkdwn.actor(s.acknowledgedBy())
          + (s.acknowledgedAt() == null ? "" : " " + Mrkdwn.date(s.acknowledgedAt()));
      case SNOOZED -> "Snoozed" + (s.snoozedUntil() == null ? "" : " until " + Mrkdwn.date(s.snoozedUntil()));
      case RESOLVED -> "Resolved" + (s.resolvedAt() == null ? "" : " " + Mrkdwn.date(s.resolvedAt()));
    };
  }

  private static String resolutionWords(IncidentSnapshot s) {
    String after = "Resolved after " + HumanDuration.of(openFor(s));
    Resolution resolution = s.resolution() == null ? Resolution.RECOVERED : s.resolution();
    String why = switch (resolution) {
      case RECOVERED -> "the product is healthy again";
      case FIXED -> "fixed";
      case EXPECTED -> "the breach was expected";
      case FALSE_POSITIVE -> "a false positive";
    };
    String by = s.resolvedBy() == null || resolution == Resolution.RECOVERED ? "" : " (by " + Mrkdwn.actor(s.resolvedBy()) + ")";
    return after + ": " + why + by + "." + noteSuffix(s);
  }

  private static String noteSuffix(IncidentSnapshot s) {
    return s.note() == null || s.note().isBlank() ? "" : "\n> " + Mrkdwn.escape(Mrkdwn.truncate(s.note().strip(), 500)).replace("\n", "\n> ");
  }

  private static Duration openFor(IncidentSnapshot s) {
    return Duration.between(s.openedAt(), s.resolvedAt() == null ? s.at() : s.resolvedAt());
  }

  private static String impactLines(List<ConsumerSpec> consumers) {
    if (consumers.isEmpty()) {
      return "No consumers are declared in the spec.";
    }
    return consumers.stream().map(c -> "• *" + Mrkdwn.escape(c.team()) + "*"
        + (c.useCase() == null || c.useCase().isBlank() ? "" : " — " + Mrkdwn.escape(c.useCase())))
        .collect(Collectors.joining("\n"));
  }

  private static String field(String label, String value) {
    return Mrkdwn.truncate("*" + label + "*\n" + value, FIELD_TEXT);
  }

  private static String emoji(ProductState state) {
    return state == ProductState.LATE ? ":hourglass_flowing_sand:" : ":rotating_light:";
  }

  private static OptionObject option(String label, String value) {
    return OptionObject.builder().text(plainText(label)).value(value).build();
  }

  private static String resolutionLabel(Resolution r) {
    String words = r.wireName().replace('_', ' ');
    return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }
}
