package io.meshwatch.activities.expr;

import java.util.List;

/** Validates a custom check expression at registration, before anything is stored. */
public interface ExpressionValidator {

  /**
   * The problems with {@code expression}, each a sentence that names what is wrong (for example
   * "function pg_sleep is not allowed; allowed: abs, ..."); empty when the expression is acceptable.
   */
  List<String> problems(String expression);
}
