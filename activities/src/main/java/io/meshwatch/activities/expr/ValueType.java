package io.meshwatch.activities.expr;

/**
 * The coarse type of a value, as far as checking an expression needs it. {@code UNKNOWN} is a
 * column whose type is not known (at registration, or a type outside these families) or a NULL: it
 * is compatible with everything, so only definite mistakes are refused.
 */
public enum ValueType {
  BOOLEAN("a boolean"),
  NUMBER("a number"),
  STRING("text"),
  DATE("a date"),
  TIMESTAMP("a timestamp"),
  UNKNOWN("a value of unknown type");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  /** How a message names the type: "a number", "text". */
  public String description() {
    return description;
  }

  public boolean temporal() {
    return this == DATE || this == TIMESTAMP;
  }
}
