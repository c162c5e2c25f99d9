package io.meshwatch.workflows.model;

import java.util.List;

/** Derives a product's overall state from its freshness and latest check results. Pure. */
public final class ProductStates {

  private ProductStates() {}

  public static ProductState derive(boolean paused, FreshnessAssessment freshness, List<CheckResult> results) {
    if (paused) {
      return ProductState.PAUSED;
    }
    if (freshness != null && freshness.late()) {
      return ProductState.LATE;
    }
    boolean anyMeasured = freshness != null && freshness.outcome().measured();
    boolean anyError = freshness != null && freshness.outcome() == Outcome.ERROR;
    boolean anyWarn = false;
    for (CheckResult result : results) {
      switch (result.outcome()) {
        case FAIL -> {
          return ProductState.FAILING;
        }
        case WARN -> {
          anyWarn = true;
          anyMeasured = true;
        }
        case PASS -> anyMeasured = true;
        case ERROR -> anyError = true;
        case NOT_EVALUATED -> {}
      }
    }
    if (anyError) {
      return ProductState.ERROR;
    }
    if (anyWarn) {
      return ProductState.WARNING;
    }
    return anyMeasured ? ProductState.HEALTHY : ProductState.UNKNOWN;
  }
}
