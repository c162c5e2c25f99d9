package io.meshwatch.worker.governance;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.expr.ParseResult;
import java.util.List;

/**
 * The columns a custom check's expression reads, as the fused scan planner sees them: the same
 * allow-listing parser, so a policy judges exactly what the warehouse will be asked to read.
 */
final class SpecColumns {

  /** Stateless and thread-safe. */
  private static final ExpressionParser PARSER = new ExpressionParser();

  private SpecColumns() {}

  /**
   * The column names {@code expression} reads, as written. A refused expression reads nothing a
   * policy can judge; the loader reports it (a registered spec never holds one).
   */
  static List<String> readBy(String expression) {
    return switch (PARSER.parse(expression)) {
      case ParseResult.Accepted accepted -> accepted.expression().columns();
      case ParseResult.Refused refused -> List.of();
    };
  }
}
