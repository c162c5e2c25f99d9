package io.meshwatch.activities.warehouse;

import io.meshwatch.activities.sql.TypeFamily;
import java.util.Objects;

/** A column as the warehouse's catalog reports it. */
public record TableColumn(String name, String typeName) {

  public TableColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(typeName, "typeName");
  }

  public TypeFamily family() {
    return TypeFamily.of(typeName);
  }
}
