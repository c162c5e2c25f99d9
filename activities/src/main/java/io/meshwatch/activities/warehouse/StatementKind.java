package io.meshwatch.activities.warehouse;

/**
 * What a warehouse statement is for. {@code SCAN} reads the product's data (the fused query);
 * {@code METADATA} reads the catalog, statistics or a cheap probe aggregate; {@code SESSION} sets up
 * the read-only transaction, timeout and tag and reads nothing.
 */
public enum StatementKind {
  SCAN,
  METADATA,
  SESSION
}
