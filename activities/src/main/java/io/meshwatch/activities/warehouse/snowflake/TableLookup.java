package io.meshwatch.activities.warehouse.snowflake;

import java.util.Objects;

/** What the catalog says about one table a product asked for. */
sealed interface TableLookup {

  record Found(TableMetadata metadata) implements TableLookup {
    public Found {
      Objects.requireNonNull(metadata);
    }
  }

  /** Not visible: absent, in a database or schema that is absent, or not granted to the role. */
  record Missing(String reason) implements TableLookup {
    public Missing {
      Objects.requireNonNull(reason);
    }
  }
}
