package io.meshwatch.worker.api;

import io.meshwatch.activities.store.DomainScore;
import io.meshwatch.activities.store.OverallScore;
import io.meshwatch.activities.store.Period;
import io.meshwatch.activities.store.ProductScore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of {@code GET /api/scores}. Field names are the store's, in camel case; ratios are
 * 0–1, times are seconds, and a figure with nothing behind it (nothing measured, no evaluation) is
 * null, never 0.
 */
final class ScoreViews {

  private ScoreViews() {}

  /** The scores of one period. */
  record Scores(Period period, OverallScore overall, List<DomainScore> domains, List<ProductScore> products) {}

  static Map<String, Object> answer(String domain, Scores current, Scores previous) {
    Map<String, Object> view = scores(current);
    view.put("domain", domain);
    view.put("previous", scores(previous));
    return view;
  }

  private static Map<String, Object> scores(Scores s) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("period", period(s.period()));
    view.put("overall", overall(s.overall()));
    view.put("domains", s.domains().stream().map(ScoreViews::domain).toList());
    view.put("products", s.products().stream().map(ScoreViews::product).toList());
    return view;
  }

  private static Map<String, Object> period(Period p) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("label", p.label());
    view.put("from", p.from());
    view.put("to", p.to());
    return view;
  }

  private static Map<String, Object> product(ProductScore p) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("product", p.product().toString());
    view.put("domain", p.product().domain());
    view.put("name", p.product().name());
    view.put("periodSeconds", p.periodSeconds());
    view.put("maintenanceSeconds", p.maintenanceSeconds());
    view.put("pausedSeconds", p.pausedSeconds());
    view.put("measurableSeconds", p.measurableSeconds());
    view.put("measuredSeconds", p.measuredSeconds());
    view.put("onTimeSeconds", p.onTimeSeconds());
    view.put("availability", p.availability());
    view.put("coverage", p.coverage());
    view.put("availabilityTarget", p.availabilityTarget());
    view.put("targetMet", p.targetMet());
    view.put("evaluations", p.evaluations());
    view.put("qualityScore", p.qualityScore());
    view.put("breaches", p.breaches());
    view.put("acknowledged", p.acknowledged());
    view.put("resolved", p.resolved());
    view.put("meanTimeToAcknowledgeSeconds", p.meanTimeToAcknowledgeSeconds());
    view.put("meanTimeToResolveSeconds", p.meanTimeToResolveSeconds());
    return view;
  }

  private static Map<String, Object> domain(DomainScore d) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("domain", d.domain());
    view.put("products", d.products());
    view.put("productsMeetingTarget", d.productsMeetingTarget());
    rollUp(view, d.measurableSeconds(), d.measuredSeconds(), d.onTimeSeconds(), d.availability(), d.coverage(), d.qualityScore(),
        d.breaches(), d.meanTimeToAcknowledgeSeconds(), d.meanTimeToResolveSeconds());
    return view;
  }

  private static Map<String, Object> overall(OverallScore o) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("domains", o.domains());
    view.put("products", o.products());
    view.put("productsMeetingTarget", o.productsMeetingTarget());
    rollUp(view, o.measurableSeconds(), o.measuredSeconds(), o.onTimeSeconds(), o.availability(), o.coverage(), o.qualityScore(),
        o.breaches(), o.meanTimeToAcknowledgeSeconds(), o.meanTimeToResolveSeconds());
    return view;
  }

  private static void rollUp(Map<String, Object> view, double measurable, double measured, double onTime, Double availability,
      Double coverage, Double quality, long breaches, Double meanTimeToAcknowledge, Double meanTimeToResolve) {
    view.put("measurableSeconds", measurable);
    view.put("measuredSeconds", measured);
    view.put("onTimeSeconds", onTime);
    view.put("availability", availability);
    view.put("coverage", coverage);
    view.put("qualityScore", quality);
    view.put("breaches", breaches);
    view.put("meanTimeToAcknowledgeSeconds", meanTimeToAcknowledge);
    view.put("meanTimeToResolveSeconds", meanTimeToResolve);
  }
}
