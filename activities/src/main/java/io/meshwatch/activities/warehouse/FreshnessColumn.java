package io.meshwatch.activities.warehouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A declared {@code quality.freshness_column} resolved against the table: the column and the Java
 * type its maximum is read as, or the problem that keeps it from being read. Timestamps without a
 * zone are taken as UTC; a date counts as midnight UTC of that day.
 */
public record FreshnessColumn(TableColumn column, Class<?> javaType, String problem) {

  public static FreshnessColumn resolve(ResolvedTable table, String name) {
    var column = table.column(name);
    if (column.isEmpty()) {
      return new FreshnessColumn(null, null,
          "the freshness column " + name + " is not in table " + table.name().display());
    }
    Class<?> type = switch (column.get().family()) {
      case DATE -> LocalDate.class;
      case TIMESTAMP -> LocalDateTime.class;
      case TIMESTAMP_TZ -> OffsetDateTime.class;
      case STRING, INTEGER, DECIMAL, BOOLEAN, BINARY, OTHER -> null;
    };
    if (type == null) {
      return new FreshnessColumn(column.get(), null, "the freshness column " + column.get().name() + " is "
          + column.get().typeName() + "; it must be a date or a timestamp");
    }
    return new FreshnessColumn(column.get(), type, null);
  }

  public boolean usable() {
    return problem == null;
  }

  /** The instant of a value read as {@link #javaType()}; null stays null (an empty table). */
  public static Instant toInstant(Object value) {
    return switch (value) {
      case null -> null;
      case LocalDate date -> date.atStartOfDay().toInstant(ZoneOffset.UTC);
      case LocalDateTime dateTime -> dateTime.toInstant(ZoneOffset.UTC);
      case OffsetDateTime offsetDateTime -> offsetDateTime.toInstant();
      default -> throw new IllegalArgumentException("not a date or timestamp: " + value.getClass().getSimpleName());
    };
  }
}
