package io.meshwatch.worker.demo;

import java.util.Locale;

/**
 * What {@link DemoHistory} did: seeded {@code span} for {@code products} products (with how many
 * rows), or nothing and why.
 */
public record SeededHistory(
    boolean seeded, HistorySpan span, int products, long cycles, long evaluations, long checkResults, long incidents,
    String reason) {

  static SeededHistory skipped(HistorySpan span, String reason) {
    return new SeededHistory(false, span, 0, 0, 0, 0, 0, reason);
  }

  /** One line for the console. */
  public String line() {
    if (!seeded) {
      return "demo history: nothing seeded (" + reason + ")";
    }
    return String.format(Locale.ROOT,
        "demo history: seeded %s and %s up to %s for %d products: %,d cycles, %,d evaluations, %,d check results, %,d incidents",
        span.previousQuarter().label(), span.currentQuarter().label(), span.to(), products, cycles, evaluations, checkResults, incidents);
  }
}
