package io.meshwatch.activities.sql;

import java.util.Objects;

/** A column an expression names, as the table has it: its actual name and its type family. */
public record ColumnBinding(String name, TypeFamily family) {

  public ColumnBinding {
    Objects.requireNonNull(name);
    Objects.requireNonNull(family);
  }
}
