package io.meshwatch.activities.warehouse;

import java.util.Objects;

/** What one batched metadata read says about one of the tables it was asked about. */
public sealed interface MetadataAnswer<V> {

  /** The answer for the table; thrown as it is when the table is asked about. */
  V orThrow() throws WarehouseException;

  record Found<V>(V value) implements MetadataAnswer<V> {
    public Found {
      Objects.requireNonNull(value);
    }

    @Override
    public V orThrow() {
      return value;
    }
  }

  /**
   * The table alone could not be answered (absent, not granted, its own statement failed); the
   * other tables of the read are unaffected.
   */
  record Failed<V>(WarehouseFailure failure, String reason) implements MetadataAnswer<V> {
    public Failed {
      Objects.requireNonNull(failure);
      Objects.requireNonNull(reason);
    }

    /** The table-not-found answer, with the sentence the unbatched call gave. */
    public static <V> Failed<V> notFound(String reason) {
      return new Failed<>(WarehouseFailure.TABLE_NOT_FOUND, reason);
    }

    @Override
    public V orThrow() throws WarehouseException {
      throw new WarehouseException(failure, reason);
    }
  }
}
