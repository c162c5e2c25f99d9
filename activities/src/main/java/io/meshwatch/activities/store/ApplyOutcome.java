package io.meshwatch.activities.store;

/** What registering a spec did. */
public enum ApplyOutcome {
  /** A new product, at version 1. */
  CREATED,
  /** A changed spec for an active product: a new version. */
  UPDATED,
  /** The active product already had exactly this spec: nothing was written. */
  UNCHANGED,
  /** A retired product registered again; a new version only when the spec changed. */
  REACTIVATED;

  /** True when the product's monitor must be (re)started or told about a new spec. */
  public boolean changed() {
    return this != UNCHANGED;
  }
}
