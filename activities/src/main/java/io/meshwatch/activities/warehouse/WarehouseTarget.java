package io.meshwatch.activities.warehouse;

import io.meshwatch.activities.sql.TableName;
import io.meshwatch.workflows.model.Outcome;
import java.util.Objects;

/** Where a product's output is read from, or why it cannot be read. */
public sealed interface WarehouseTarget {

  record Reachable(String connection, WarehouseClient client, TableName table) implements WarehouseTarget {
    public Reachable {
      Objects.requireNonNull(connection);
      Objects.requireNonNull(client);
      Objects.requireNonNull(table);
    }
  }

  /**
   * No client for the product. {@code outcome} is NOT_EVALUATED for a format meshwatch cannot read
   * yet (a known gap, not a broken monitor) and ERROR for a configuration mistake.
   */
  record Unavailable(Outcome outcome, String reason) implements WarehouseTarget {
    public Unavailable {
      Objects.requireNonNull(outcome);
      Objects.requireNonNull(reason);
    }
  }
}
