package io.meshwatch.activities.expr;

import java.util.List;

/** What {@link ExpressionParser#parse} made of a text: an accepted expression or its problems. */
public sealed interface ParseResult {

  record Accepted(CustomExpression expression) implements ParseResult {}

  /** Every problem found, each a sentence; never empty. */
  record Refused(List<String> problems) implements ParseResult {
    public Refused {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a refusal names at least one problem");
      }
    }
  }
}
