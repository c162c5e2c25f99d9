package io.meshwatch.activities.store;

import java.util.Objects;

/** A cycle the store will not record, whatever the number of retries; {@link #failure} says why. */
public final class RejectedCycleException extends IllegalArgumentException {

  private final StoreFailure failure;

  public RejectedCycleException(StoreFailure failure, String message) {
    super(message);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public StoreFailure failure() {
    return failure;
  }
}
