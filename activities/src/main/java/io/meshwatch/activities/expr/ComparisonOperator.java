package io.meshwatch.activities.expr;

/** The comparison operators an expression may use; {@code !=} is read as {@code <>}. */
public enum ComparisonOperator {
  EQUAL("="),
  NOT_EQUAL("<>"),
  LESS("<"),
  LESS_OR_EQUAL("<="),
  GREATER(">"),
  GREATER_OR_EQUAL(">=");

  private final String symbol;

  ComparisonOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as standard SQL spells it; the same in every supported dialect. */
  public String symbol() {
    return symbol;
  }
}
