package io.meshwatch.alerts.slack;

import io.meshwatch.workflows.incident.Actor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Slack's mrkdwn: escaping and the few constructs meshwatch uses. Text from specs and people
 * (descriptions, check messages naming columns and expressions, notes) is escaped, so a {@code <}
 * cannot open a link or a {@code <!channel>} mention.
 */
final class Mrkdwn {

  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{6,}");
  private static final DateTimeFormatter FALLBACK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Mrkdwn() {}

  /** Escapes Slack's control characters: {@code &}, {@code <}, {@code >}. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A time every reader sees in their own time zone, with a UTC fallback. */
  static String date(Instant at) {
    return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + FALLBACK.format(at) + ">";
  }

  /** A person: a mention for a Slack user id, else their name and where they acted. */
  static String actor(Actor actor) {
    if (actor == null) {
      return "someone";
    }
    if ("slack".equals(actor.via()) && USER_ID.matcher(actor.name()).matches()) {
      return "<@" + actor.name() + ">";
    }
    return escape(actor.name()) + " (" + escape(actor.via()) + ")";
  }

  /** A channel: a link for a channel id, else its name as written. */
  static String channel(String channel) {
    if (channel == null) {
      return "the owner's channel";
    }
    if (CHANNEL_ID.matcher(channel).matches()) {
      return "<#" + channel + ">";
    }
    return "#" + escape(channel.startsWith("#") ? channel.substring(1) : channel);
  }

  static String link(String url, String label) {
    return "<" + url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C") + "|" + label + ">";
  }

  static boolean isUserId(String id) {
    return id != null && USER_ID.matcher(id).matches();
  }

  /** Cuts {@code text} to {@code max} characters, marking the cut. */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, Math.max(0, max - 1)) + "…";
  }
}
