package io.meshwatch.activities.store;

/**
 * An incident transition the store will not record, whatever the number of retries: malformed, or
 * contradicting what is stored under its id.
 */
public final class RejectedIncidentException extends IllegalArgumentException {

  public RejectedIncidentException(String message) {
    super(message);
  }

  public StoreFailure failure() {
    return StoreFailure.INVALID_INCIDENT;
  }
}
