package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.incident.EscalationLadder;
import java.time.Duration;

/**
 * How a product monitor runs, fixed by the worker's config at (re)start.
 *
 * @param pollInterval how often metadata is probed when no deadline comes sooner
 * @param historyEventsLimit continue-as-new once history reaches this many events, even if Temporal
 *     has not suggested it yet (0: only when Temporal suggests it); small values exercise the path
 * @param probeTimeout start-to-close timeout of the metadata probe
 * @param evaluateTimeout start-to-close timeout of an evaluation (the fused scan)
 * @param storeTimeout start-to-close timeout of one store write
 * @param notifyTimeout start-to-close timeout of one source-outage report
 * @param ladder the worker's default escalation ladder (config {@code escalation}); a product's
 *     {@code spec.escalation} overrides it for that product's incidents
 */
public record MonitorSettings(
    Duration pollInterval,
    int historyEventsLimit,
    Duration probeTimeout,
    Duration evaluateTimeout,
    Duration storeTimeout,
    Duration notifyTimeout,
    EscalationLadder ladder) {

  public MonitorSettings {
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
    if (historyEventsLimit < 0) {
      throw new IllegalArgumentException("historyEventsLimit must be >= 0");
    }
    // Settings recorded before the ladder existed carry none: the design's defaults apply.
    ladder = ladder == null ? EscalationLadder.defaults() : ladder;
  }

  public static MonitorSettings defaults() {
    return new MonitorSettings(
        Duration.ofMinutes(5), 0, Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(30),
        EscalationLadder.defaults());
  }

  public MonitorSettings withPollInterval(Duration interval) {
    return new MonitorSettings(interval, historyEventsLimit, probeTimeout, evaluateTimeout, storeTimeout, notifyTimeout, ladder);
  }

  public MonitorSettings withHistoryEventsLimit(int limit) {
    return new MonitorSettings(pollInterval, limit, probeTimeout, evaluateTimeout, storeTimeout, notifyTimeout, ladder);
  }

  public MonitorSettings withLadder(EscalationLadder defaultLadder) {
    return new MonitorSettings(pollInterval, historyEventsLimit, probeTimeout, evaluateTimeout, storeTimeout, notifyTimeout, defaultLadder);
  }
}
