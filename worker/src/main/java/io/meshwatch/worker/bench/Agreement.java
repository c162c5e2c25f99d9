package io.meshwatch.worker.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether the strategies measured the same thing: for every product, every run of every strategy
 * must report the same value for each check. A disagreement makes the timings meaningless, so the
 * report shows it instead of a verdict.
 */
final class Agreement {

  private static final int SHOWN = 10;

  private Agreement() {}

  /** The disagreements found, at most ten, each as one sentence; empty when all agree. */
  static List<String> disagreements(Map<Strategy, List<List<ProductRun>>> runs) {
    Map<String, Map<String, Long>> reference = new HashMap<>();
    Map<String, Strategy> referenceStrategy = new HashMap<>();
    List<String> found = new ArrayList<>();
    for (Map.Entry<Strategy, List<List<ProductRun>>> entry : runs.entrySet()) {
      for (List<ProductRun> round : entry.getValue()) {
        for (ProductRun run : round) {
          Map<String, Long> expected = reference.putIfAbsent(run.table(), run.measured());
          if (expected == null) {
            referenceStrategy.put(run.table(), entry.getKey());
          } else if (!expected.equals(run.measured()) && found.size() < SHOWN) {
            found.add(difference(run.table(), referenceStrategy.get(run.table()), expected, entry.getKey(),
                run.measured()));
          }
        }
      }
    }
    return found;
  }

  private static String difference(String table, Strategy first, Map<String, Long> expected, Strategy second,
      Map<String, Long> actual) {
    List<String> checks = new ArrayList<>();
    for (String check : expected.keySet()) {
      if (!Objects.equals(expected.get(check), actual.get(check))) {
        checks.add(check + " " + expected.get(check) + " vs " + actual.get(check));
      }
    }
    for (String check : actual.keySet()) {
      if (!expected.containsKey(check)) {
        checks.add(check + " only in " + second.label());
      }
    }
    return table + ": " + first.label() + " and " + second.label() + " differ: " + String.join(", ", checks);
  }
}
