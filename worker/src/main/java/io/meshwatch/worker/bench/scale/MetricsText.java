package io.meshwatch.worker.bench.scale;

import java.util.HashMap;
import java.util.Map;

/**
 * A scrape of the worker's {@code /metrics} (Prometheus text format), summed by metric name over
 * every label set: the benchmark wants totals (all products, all heap pools).
 */
record MetricsText(Map<String, Double> sums) {

  MetricsText {
    sums = Map.copyOf(sums);
  }

  static MetricsText parse(String text) {
    Map<String, Double> sums = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int labels = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String name = line.substring(0, labels >= 0 && labels < space ? labels : line.indexOf(' '));
      // Only heap pools count as heap; non-heap pools share the metric name.
      if (name.equals("jvm_memory_used_bytes") && !line.contains("area=\"heap\"")) {
        continue;
      }
      try {
        sums.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
      } catch (NumberFormatException e) {
        // A sample value Prometheus allows but a sum cannot use (NaN is parsed; nothing else is written).
      }
    }
    return new MetricsText(sums);
  }

  /** The sum of every sample of {@code name}; 0 when the worker has not reported it yet. */
  double sum(String name) {
    return sums.getOrDefault(name, 0d);
  }
}
