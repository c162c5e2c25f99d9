package io.meshwatch.activities.expr;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The row functions an expression may call: deterministic, side-effect free, cheap. */
public enum RowFunction {
  ABS(1, 1),
  ROUND(1, 2),
  FLOOR(1, 1),
  CEIL(1, 1),
  LENGTH(1, 1),
  LOWER(1, 1),
  UPPER(1, 1),
  TRIM(1, 1),
  COALESCE(2, Integer.MAX_VALUE),
  NULLIF(2, 2),
  LEAST(2, Integer.MAX_VALUE),
  GREATEST(2, Integer.MAX_VALUE);

  private final int minArguments;
  private final int maxArguments;

  RowFunction(int minArguments, int maxArguments) {
    this.minArguments = minArguments;
    this.maxArguments = maxArguments;
  }

  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean accepts(int arguments) {
    return arguments >= minArguments && arguments <= maxArguments;
  }

  /** "takes 1 argument", "takes 1 or 2 arguments", "takes at least 2 arguments". */
  public String arityText() {
    if (maxArguments == Integer.MAX_VALUE) {
      return "takes at least " + minArguments + " arguments";
    }
    if (minArguments == maxArguments) {
      return "takes " + minArguments + (minArguments == 1 ? " argument" : " arguments");
    }
    return "takes " + minArguments + " or " + maxArguments + " arguments";
  }

  /** Looks a function up by name, case-insensitively; {@code ceiling} is read as {@code ceil}. */
  public static Optional<RowFunction> named(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("ceiling")) {
      return Optional.of(CEIL);
    }
    return Arrays.stream(values()).filter(f -> f.sqlName().equals(lower)).findFirst();
  }

  public static String allowList() {
    return Arrays.stream(values()).map(RowFunction::sqlName).collect(Collectors.joining(", "));
  }
}
