package io.meshwatch.activities.store;

/** Failure types the store's activities report to Temporal ({@code ApplicationFailure} types). */
public enum StoreFailure {
  /** The cycle to record is malformed: retrying it cannot succeed. */
  INVALID_CYCLE,
  /** The cycle names a product the registry does not hold: retrying it cannot succeed. */
  UNKNOWN_PRODUCT,
  /** The incident transition to record is malformed or contradicts the stored incident: retrying it cannot succeed. */
  INVALID_INCIDENT,
  /** PostgreSQL could not be reached or refused the write: retried. */
  STORE_UNAVAILABLE
}
