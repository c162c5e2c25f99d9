package io.meshwatch.worker.runtime;

import io.meshwatch.activities.store.IncidentStore;
import io.meshwatch.activities.store.StoredIncident;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code meshwatch_incidents_open}: incidents not yet resolved, by product, domain, owner and state
 * (open, acknowledged, snoozed), counted from the store's open incidents at every scrape.
 *
 * <p>Why read the store rather than count recorded transitions: the store is the incidents' record
 * of truth, so the gauge is right after a restart, on every worker of a scaled-out deployment (each
 * reports the same totals: dashboards take {@code max}, not {@code sum}), and whatever worker
 * recorded a transition. The query is one indexed read of the unresolved rows, small next to a scrape
 * interval. A label set once seen stays registered and reads 0 when its incidents are gone, so a
 * resolved incident is a visible drop to 0 rather than a vanished series.
 */
final class OpenIncidentGauges {

  static final String METRIC = "meshwatch.incidents.open";
  private static final Logger log = LoggerFactory.getLogger(OpenIncidentGauges.class);

  /** One series of the gauge: labels only, never an incident id or its failing values. */
  record Series(String product, String domain, String owner, String state) {

    static Series of(StoredIncident incident) {
      String owner = incident.owner() == null || incident.owner().isBlank() ? "unknown" : incident.owner();
      return new Series(incident.product().toString(), incident.product().domain(), owner,
          incident.state().name().toLowerCase(Locale.ROOT));
    }
  }

  private final IncidentStore incidents;
  private final MeterRegistry registry;
  private final Set<Series> registered = ConcurrentHashMap.newKeySet();
  private volatile Map<Series, Integer> counts = Map.of();

  OpenIncidentGauges(IncidentStore incidents, MeterRegistry registry) {
    this.incidents = incidents;
    this.registry = registry;
  }

  /**
   * Re-reads the open incidents; called before each scrape. When the store cannot be read the last
   * counts stay (logged), so /metrics keeps answering: the store's own outage shows elsewhere.
   */
  synchronized void refresh() {
    Map<Series, Integer> fresh = new HashMap<>();
    try {
      for (StoredIncident incident : incidents.findOpen()) {
        fresh.merge(Series.of(incident), 1, Integer::sum);
      }
    } catch (RuntimeException e) {
      log.warn("open incidents could not be read for metrics; keeping the last counts: {}", e.toString());
      return;
    }
    counts = Map.copyOf(fresh);
    fresh.keySet().forEach(this::register);
  }

  private void register(Series series) {
    if (!registered.add(series)) {
      return;
    }
    Gauge.builder(METRIC, this, gauges -> gauges.counts.getOrDefault(series, 0))
        .description("Incidents not yet resolved, by state (open, acknowledged, snoozed)")
        .tags("product", series.product(), "domain", series.domain(), "owner", series.owner(), "state", series.state())
        .register(registry);
  }
}
