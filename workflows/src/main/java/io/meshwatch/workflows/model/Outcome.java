package io.meshwatch.workflows.model;

/**
 * The outcome of one check. {@code ERROR} means the monitor could not measure (warehouse down, invalid
 * expression, missing column): a platform problem, never counted as {@code FAIL}.
 */
public enum Outcome {
  PASS,
  WARN,
  FAIL,
  ERROR,
  NOT_EVALUATED;

  /** True for outcomes that measured the data ({@code PASS}, {@code WARN}, {@code FAIL}). */
  public boolean measured() {
    return this == PASS || this == WARN || this == FAIL;
  }
}
