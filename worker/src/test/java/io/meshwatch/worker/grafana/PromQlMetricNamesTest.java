package io.meshwatch.worker.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

  @Test
  void aSelectorInsideFunctionsAndAnAggregationIsTheOnlyName() {
    assertThat(PromQlMetricNames.of("sum by (sink) (increase(meshwatch_notifications_total{outcome=\"failed\"}[15m]))"))
        .containsExactly("meshwatch_notifications_total");
  }

  @Test
  void labelNamesInGroupingAndMatchingListsAreNotMetrics() {
    assertThat(PromQlMetricNames.of(
        "histogram_quantile(0.95, sum by (le, task_queue) (rate(x_bucket{job=\"meshwatch\", instance=~\".*\"}[1m])))"))
        .containsExactly("x_bucket");
    assertThat(PromQlMetricNames.of("a / on(instance) group_left(job, owner) b offset 5m"))
        .containsExactly("a", "b");
    assertThat(PromQlMetricNames.of("sum(rate(a[5m])) without (instance) > bool 1e-3"))
        .containsExactly("a");
    assertThat(PromQlMetricNames.of("sum without(instance) (a) / ignoring (le) group_right b"))
        .containsExactly("a", "b");
  }

  @Test
  void keywordsNumbersAndDurationsAreNotMetrics() {
    assertThat(PromQlMetricNames.of("(sum(increase(m[1h])) or vector(0)) == 0 and on() count(x) > 0 unless y"))
        .containsExactly("m", "x", "y");
    assertThat(PromQlMetricNames.of("-1.5 * time() + 0x1F - Inf + NaN")).isEmpty();
    assertThat(PromQlMetricNames.of("max_over_time(foo[1h:5m] offset -30m) AND bar @ start()"))
        .containsExactly("bar", "foo");
  }

  @Test
  void stringLiteralsAreNotMetricsButANameMatcherIs() {
    assertThat(PromQlMetricNames.of("label_replace(foo, \"dst\", \"$1 not_a_metric\", 'src', `(.*)`)"))
        .containsExactly("foo");
    assertThat(PromQlMetricNames.of("{__name__=\"bar\", job=\"x\"} + absent(up{job=\"meshwatch\"})"))
        .containsExactly("bar", "up");
    assertThat(PromQlMetricNames.of("topk(5, foo{a=\"}{\"}) # a comment naming baz\n"))
        .containsExactly("foo");
  }

  @Test
  void namesWithColonsAndUnderscoresAreWhole() {
    assertThat(PromQlMetricNames.of("job:requests:rate5m + __private_metric"))
        .containsExactly("__private_metric", "job:requests:rate5m");
  }
}
