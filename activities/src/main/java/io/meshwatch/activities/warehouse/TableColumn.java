package io.meshwatch.activities.warehouse;

import io.meshwatch.activities.sql.TypeFamily;
import java.util.Objects;

/**
 * A column as the warehouse's catalog reports it. The family is read from the type name unless the
 * adapter knows better: BigQuery's {@code TIMESTAMP} is an instant (a timestamp with zone), while
 * the same name elsewhere is a wall-clock time.
 */
public record TableColumn(String name, String typeName, TypeFamily family) {

  public TableColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(family, "family");
  }

  public TableColumn(String name, String typeName) {
    this(name, typeName, TypeFamily.of(Objects.requireNonNull(typeName, "typeName")));
  }
}
