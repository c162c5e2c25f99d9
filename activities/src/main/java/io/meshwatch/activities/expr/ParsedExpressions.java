package io.meshwatch.activities.expr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parse results by expression text, least recently used dropped first. A monitor evaluates the same
 * custom expressions on every evaluation of a spec version; parsing one costs a fraction of a
 * millisecond and tens of kilobytes of garbage, which at dozens of checks per product was a visible
 * share of a small scan. Results are immutable, so one entry serves every thread. Thread-safe.
 */
public final class ParsedExpressions {

  private final ExpressionParser parser;
  private final Map<String, ParseResult> results;

  public ParsedExpressions(ExpressionParser parser, int capacity) {
    this.parser = Objects.requireNonNull(parser);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.results = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ParseResult> eldest) {
        return size() > capacity;
      }
    };
  }

  /** What {@link ExpressionParser#parse} returns for {@code text}, parsed once while it is kept. */
  public ParseResult parse(String text) {
    synchronized (results) {
      ParseResult kept = results.get(text);
      if (kept != null) {
        return kept;
      }
    }
    // Parsed outside the lock: two threads may parse the same text once each, never wait on each other.
    ParseResult parsed = parser.parse(text);
    synchronized (results) {
      results.putIfAbsent(text, parsed);
    }
    return parsed;
  }

  /** How many results are kept. */
  public int size() {
    synchronized (results) {
      return results.size();
    }
  }
}
