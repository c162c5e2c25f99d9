package io.meshwatch.workflows.activities;

import java.util.Objects;

/**
 * Where an incident's main message lives, so later changes edit it and reply in its thread:
 * {@code sink} ({@code slack}, {@code webhook}, {@code console}), the channel, and the sink's id of
 * the message (Slack's {@code ts}).
 */
public record MessageRef(String sink, String channel, String id) {
  public MessageRef {
    Objects.requireNonNull(sink, "sink");
  }
}
