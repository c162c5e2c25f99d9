package io.meshwatch.activities.warehouse;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The per-table aggregates of a batch of probes ({@code MAX(freshness_column)}, and the row count
 * where the metadata has none) as one statement: one {@code SELECT} per table joined by
 * {@code UNION ALL}. These read data, not the catalog, so a batch cannot avoid touching each table;
 * it saves the statements and round trips, not the reads. Each branch answers its table's position,
 * and the maximum lands in the column of its Java type (date, timestamp, timestamp with zone), so
 * the branches agree on their column types without converting a value.
 */
public record ProbeAggregates(String sql, List<Branch> branches) {

  /** The Java types a freshness column's maximum is read as ({@link FreshnessColumn}), each with its own column. */
  private static final List<Class<?>> LATEST_TYPES = List.of(LocalDate.class, LocalDateTime.class, OffsetDateTime.class);
  private static final List<String> LATEST_SQL_TYPES = List.of("date", "timestamp", "timestamptz");

  /** One table's aggregates: its position in the batch, name and freshness column (null: none). */
  public record Branch(int position, TableName table, FreshnessColumn freshness) {
    public Branch {
      Objects.requireNonNull(table);
      if (freshness != null && !freshness.usable()) {
        throw new IllegalArgumentException("an unusable freshness column has no maximum to read");
      }
    }
  }

  /** What one branch read: the row count (null unless counted) and the maximum (null when none). */
  public record Reading(Long rowCount, Object latest) {}

  public ProbeAggregates {
    Objects.requireNonNull(sql);
    branches = List.copyOf(branches);
  }

  /** The statement for {@code branches}; {@code count} adds {@code count(*)} to every branch. */
  public static ProbeAggregates of(Dialect dialect, List<Branch> branches, boolean count) {
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("an aggregate batch needs at least one table");
    }
    List<String> selects = new ArrayList<>();
    for (Branch branch : branches) {
      String max = branch.freshness() == null ? null : "max(" + dialect.quoteIdentifier(branch.freshness().column().name()) + ")";
      int latest = branch.freshness() == null ? -1 : LATEST_TYPES.indexOf(branch.freshness().javaType());
      StringBuilder select = new StringBuilder("SELECT ").append(branch.position()).append(" AS position, ")
          .append(count ? "count(*)" : "CAST(NULL AS bigint)").append(" AS row_count");
      for (int i = 0; i < LATEST_TYPES.size(); i++) {
        select.append(", CAST(").append(i == latest ? max : "NULL").append(" AS ").append(LATEST_SQL_TYPES.get(i))
            .append(") AS latest_").append(i);
      }
      selects.add(select.append(" FROM ").append(dialect.tableName(branch.table())).toString());
    }
    return new ProbeAggregates(Dialect.STATEMENT_LABEL + " " + String.join("\nUNION ALL\n", selects), branches);
  }

  /** The branch a row answers and what it read, the maximum as its freshness column's Java type. */
  public Reading read(Branch branch, ResultSet rs) throws SQLException {
    long rows = rs.getLong(2);
    Long rowCount = rs.wasNull() ? null : rows;
    Object latest = null;
    if (branch.freshness() != null) {
      latest = rs.getObject(3 + LATEST_TYPES.indexOf(branch.freshness().javaType()), branch.freshness().javaType());
    }
    return new Reading(rowCount, latest);
  }
}
