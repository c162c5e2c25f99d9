package io.meshwatch.workflows.model;

/** How the values of a {@code pii: true} column are protected. */
public enum PiiHandling {
  HASHED,
  MASKED,
  TOKENIZED,
  ENCRYPTED,
  REDACTED;

  public String specName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
