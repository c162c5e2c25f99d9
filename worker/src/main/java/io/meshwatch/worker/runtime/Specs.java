package io.meshwatch.worker.runtime;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.worker.spec.SpecLoader;

/** The spec loader as every entry point uses it: custom checks validated by the SQL expression parser. */
public final class Specs {

  private Specs() {}

  public static SpecLoader loader() {
    return new SpecLoader(new ExpressionParser());
  }
}
