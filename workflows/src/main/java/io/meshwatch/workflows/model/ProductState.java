package io.meshwatch.workflows.model;

/**
 * A product's overall state, worst first: late beats failing beats error. {@code UNKNOWN} before the
 * first evaluation or when nothing could be measured; {@code PAUSED} while monitoring is paused.
 */
public enum ProductState {
  LATE,
  FAILING,
  ERROR,
  WARNING,
  HEALTHY,
  UNKNOWN,
  PAUSED;

  /** True for the states that make a breach (and so an alert). */
  public boolean breach() {
    return this == LATE || this == FAILING;
  }
}
