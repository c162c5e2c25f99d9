package io.meshwatch.activities.warehouse;

import io.meshwatch.activities.sql.TableName;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A table as found in the catalog: its name as the warehouse spells it, and its columns in order. */
public record ResolvedTable(TableName name, List<TableColumn> columns) {

  public ResolvedTable {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
  }

  /**
   * The column a spec means by {@code name}: the exact name, else the only one that matches
   * ignoring case (warehouses fold unquoted names to upper or lower case; specs are written in
   * either). Two columns equal but for case and neither exact is ambiguous: empty.
   */
  public Optional<TableColumn> column(String name) {
    for (TableColumn column : columns) {
      if (column.name().equals(name)) {
        return Optional.of(column);
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    List<TableColumn> matches = columns.stream()
        .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(lower))
        .toList();
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }
}
