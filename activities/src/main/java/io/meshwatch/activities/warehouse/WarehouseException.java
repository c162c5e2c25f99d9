package io.meshwatch.activities.warehouse;

import java.util.Objects;

/**
 * An expected warehouse failure. The message is a sentence for an owner or operator; it never holds
 * data values (warehouse error texts can quote them, so adapters do not pass those on) and never
 * holds credentials.
 */
public final class WarehouseException extends Exception {

  private final WarehouseFailure failure;

  public WarehouseException(WarehouseFailure failure, String message) {
    super(Objects.requireNonNull(message));
    this.failure = Objects.requireNonNull(failure);
  }

  public WarehouseFailure failure() {
    return failure;
  }
}
