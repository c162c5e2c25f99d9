package io.meshwatch.worker.api;

import io.meshwatch.activities.store.RegisteredProduct;
import io.meshwatch.activities.store.ResultStore;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.monitor.ProductStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the product reads: a summary per product in lists, and one product in full. */
final class ProductViews {

  private ProductViews() {}

  static Map<String, Object> summary(RegisteredProduct product, ProductStatus status) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", product.id().toString());
    view.put("domain", product.id().domain());
    view.put("name", product.id().name());
    view.put("owner", product.spec().owner());
    view.put("steward", product.spec().steward());
    view.put("specVersion", product.version());
    view.put("active", product.active());
    view.put("paused", product.paused());
    if (status == null) {
      view.put("state", ProductState.UNKNOWN);
      view.put("monitor", "not running");
      return view;
    }
    view.put("state", status.state());
    view.put("stateSince", status.stateSince());
    if (status.freshness() != null) {
      view.put("lastUpdated", status.freshness().lastUpdated());
      view.put("deadline", status.freshness().deadline());
    }
    view.put("lastEvaluatedAt", status.lastEvaluatedAt());
    view.put("evaluations", status.evaluations());
    view.put("failing", status.results().stream().filter(r -> r.outcome() == Outcome.FAIL).map(CheckResult::checkId).toList());
    view.put("errors", status.results().stream().filter(r -> r.outcome() == Outcome.ERROR).map(CheckResult::checkId).toList());
    view.put("openIncident", status.breachOpen() ? status.incidentId() : null);
    return view;
  }

  static Map<String, Object> detail(RegisteredProduct product, ProductStatus status, ResultStore results) {
    Map<String, Object> view = summary(product, status);
    view.put("createdAt", product.createdAt());
    view.put("updatedAt", product.updatedAt());
    if (!product.active()) {
      view.put("retiredAt", product.retiredAt());
      view.put("retiredBy", product.retiredBy());
    }
    view.put("spec", product.spec());
    if (status != null) {
      view.put("freshness", status.freshness());
      view.put("results", status.results());
    }
    results.findLatestEvaluation(product.id()).ifPresent(e -> {
      Map<String, Object> evaluation = new LinkedHashMap<>();
      evaluation.put("scheduledAt", e.scheduledAt());
      evaluation.put("dataVersion", e.dataVersion());
      evaluation.put("queries", e.queries());
      evaluation.put("scans", e.scans());
      evaluation.put("rowsScanned", e.rowsScanned());
      evaluation.put("durationMillis", e.durationMillis());
      evaluation.put("bytesProcessed", e.bytesProcessed());
      evaluation.put("bytesBilled", e.bytesBilled());
      evaluation.put("state", e.state());
      view.put("latestEvaluation", evaluation);
    });
    List<Map<String, Object>> stored = new ArrayList<>();
    results.findLatestResults(product.id()).forEach(r -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("scheduledAt", r.scheduledAt());
      row.put("result", r.result());
      stored.add(row);
    });
    view.put("storedResults", stored);
    view.put("generatedAt", Instant.now());
    return view;
  }
}
