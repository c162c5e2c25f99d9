package io.meshwatch.activities.expr;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The aggregates an expression may call. {@code count(*)} counts rows; {@code count(DISTINCT x)}
 * is the only DISTINCT form allowed.
 */
public enum AggregateFunction {
  COUNT,
  SUM,
  AVG,
  MIN,
  MAX;

  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AggregateFunction> named(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.sqlName().equals(lower)).findFirst();
  }

  public static String allowList() {
    return Arrays.stream(values()).map(AggregateFunction::sqlName).collect(Collectors.joining(", "));
  }
}
