package io.meshwatch.workflows.model;

/** What a violated check means: {@code WARN} is reported, {@code FAIL} opens an incident. */
public enum Severity {
  WARN,
  FAIL;

  public String specName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
