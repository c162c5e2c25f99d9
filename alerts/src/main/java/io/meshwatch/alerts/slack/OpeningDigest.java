package io.meshwatch.alerts.slack;

import io.meshwatch.workflows.activities.IncidentSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Decides, per channel, whether an opening is posted alone or batched (DESIGN §7: a digest when many
 * products breach at once). Counting every opening of the last {@code window} in the channel: the
 * first {@code after} go out alone; the next one starts a batch that collects the channel's openings
 * for one window, after which its first member (the leader) posts it as one digest. A storm that goes
 * on yields one digest per window; nothing is dropped: every opening is in exactly one post.
 *
 * <p>In-process: each worker batches its own activities. The outbox, not this class, keeps delivery
 * exactly-once across crashes.
 */
final class OpeningDigest {

  /** An opening waiting in a batch: its outbox key, the incident, and where its digest was posted. */
  record Entry(String key, IncidentSnapshot incident, CompletableFuture<Posted> posted) {}

  /** The openings batched for one channel and one window. */
  static final class Batch {
    private final String channel;
    private final Instant opened;
    private final Instant closes;
    private final List<Entry> entries = new ArrayList<>();
    private boolean sealed;

    private Batch(String channel, Instant opened, Instant closes) {
      this.channel = channel;
      this.opened = opened;
      this.closes = closes;
    }

    String channel() {
      return channel;
    }

    Instant opened() {
      return opened;
    }

    Instant closes() {
      return closes;
    }
  }

  sealed interface Admission {
    /** Post this opening alone. */
    record Alone() implements Admission {}

    /** Wait for the batch's digest; the leader posts it when the window closes. */
    record Batched(Batch batch, Entry entry, boolean leader) implements Admission {}
  }

  private final int after;
  private final Duration window;
  private final Clock clock;
  private final Map<String, ArrayDeque<Instant>> recent = new HashMap<>();
  private final Map<String, Batch> open = new HashMap<>();

  OpeningDigest(int after, Duration window, Clock clock) {
    if (after < 1) {
      throw new IllegalArgumentException("digest_after must be at least 1");
    }
    this.after = after;
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  synchronized Admission admit(String channel, String key, IncidentSnapshot incident) {
    Instant now = clock.instant();
    ArrayDeque<Instant> times = recent.computeIfAbsent(channel, c -> new ArrayDeque<>());
    Instant horizon = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
      times.pollFirst();
    }
    boolean crowded = times.size() >= after;
    times.addLast(now);
    Batch batch = open.get(channel);
    boolean leader = false;
    if (batch == null) {
      if (!crowded) {
        return new Admission.Alone();
      }
      batch = new Batch(channel, now, now.plus(window));
      open.put(channel, batch);
      leader = true;
    }
    Entry entry = new Entry(key, incident, new CompletableFuture<>());
    batch.entries.add(entry);
    return new Admission.Batched(batch, entry, leader);
  }

  /** Closes {@code batch} to newcomers (the next opening starts another) and returns its openings. */
  synchronized List<Entry> seal(Batch batch) {
    batch.sealed = true;
    open.remove(batch.channel, batch);
    return List.copyOf(batch.entries);
  }

  /** For tests: whether a batch is collecting in {@code channel}. */
  synchronized boolean collecting(String channel) {
    Batch batch = open.get(channel);
    return batch != null && !batch.sealed;
  }
}
