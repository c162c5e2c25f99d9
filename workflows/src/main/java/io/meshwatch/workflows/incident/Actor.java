package io.meshwatch.workflows.incident;

import java.util.Objects;

/**
 * Who did something to an incident, and through what: {@code via} is {@code slack}, {@code cli},
 * {@code api} or {@code meshwatch} (automatic transitions). {@code name} is a Slack user id or name,
 * an API token's name, or {@code meshwatch}.
 */
public record Actor(String name, String via) {

  public static final Actor MESHWATCH = new Actor("meshwatch", "meshwatch");

  public Actor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(via, "via");
  }
}
