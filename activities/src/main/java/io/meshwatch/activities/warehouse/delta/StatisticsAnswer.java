package io.meshwatch.activities.warehouse.delta;

import io.meshwatch.activities.checks.Measurement;
import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.TableColumn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Answers a fused scan's measurements from the active files' statistics, without reading data,
 * when — and only when — the statistics give the exact numbers the scan would:
 *
 * <ul>
 *   <li>the scan is over the whole table (a lookback scope cuts through files, whose statistics
 *       are per file);
 *   <li>every active file records its row count;
 *   <li>every measurement is a NULL count or a complete-row count: PII rules and custom predicates
 *       need values;
 *   <li>a NULL count has the column's NULL count in every file (a partition column's comes from the
 *       file's partition value: all or none of its rows);
 *   <li>a complete-row count over several columns is exact in a file only when at most one of them
 *       has NULLs there (then the complete rows are the rows minus that column's NULLs) or one of them
 *       is NULL in every row (then none is complete). Per-column counts cannot tell how NULLs of two
 *       columns overlap within a file, so any other file sends the evaluation to the scan.
 * </ul>
 *
 * A table with deletion vectors is refused before this is asked: its statistics count deleted rows.
 */
final class StatisticsAnswer {

  private StatisticsAnswer() {}

  static Optional<ScanRow> answer(ScanPlan plan, ResolvedTable table, ActiveFiles files, Set<String> partitionColumns) {
    if (!plan.query().parameters().isEmpty()) {
      // A scoped plan binds its cutoff as a parameter; an unscoped one has none.
      return Optional.empty();
    }
    long rows = 0;
    for (DataFile file : files.files()) {
      if (file.statistics() == null) {
        return Optional.empty();
      }
      rows += file.statistics().numRecords();
    }
    List<Object> values = new ArrayList<>(Collections.nCopies(plan.query().columns(), null));
    values.set(0, rows);
    for (Measurement measurement : plan.measurements()) {
      OptionalLong value = switch (measurement) {
        case Measurement.NullCount m -> nulls(files, m.column(), partitionColumns);
        case Measurement.CompleteCount m -> complete(files, columns(table, m.check().columns()), partitionColumns);
        case Measurement.PiiViolations m -> OptionalLong.empty();
        case Measurement.RowPredicateViolations m -> OptionalLong.empty();
        case Measurement.AggregatePredicate m -> OptionalLong.empty();
      };
      if (value.isEmpty()) {
        return Optional.empty();
      }
      values.set(measurement.position(), value.getAsLong());
    }
    return Optional.of(new ScanRow(values));
  }

  private static OptionalLong nulls(ActiveFiles files, String column, Set<String> partitionColumns) {
    long nulls = 0;
    for (DataFile file : files.files()) {
      OptionalLong inFile = nulls(file, column, partitionColumns);
      if (inFile.isEmpty()) {
        return inFile;
      }
      nulls += inFile.getAsLong();
    }
    return OptionalLong.of(nulls);
  }

  private static OptionalLong complete(ActiveFiles files, List<String> columns, Set<String> partitionColumns) {
    long complete = 0;
    for (DataFile file : files.files()) {
      long rows = file.statistics().numRecords();
      long nullsInOneColumn = 0;
      int columnsWithNulls = 0;
      boolean noneComplete = false;
      for (String column : columns) {
        OptionalLong nulls = nulls(file, column, partitionColumns);
        if (nulls.isEmpty()) {
          return nulls;
        }
        if (nulls.getAsLong() >= rows) {
          noneComplete = true;
        } else if (nulls.getAsLong() > 0) {
          columnsWithNulls++;
          nullsInOneColumn = nulls.getAsLong();
        }
      }
      if (noneComplete) {
        continue;
      }
      if (columnsWithNulls > 1) {
        return OptionalLong.empty();
      }
      complete += rows - nullsInOneColumn;
    }
    return OptionalLong.of(complete);
  }

  private static OptionalLong nulls(DataFile file, String column, Set<String> partitionColumns) {
    if (partitionColumns.contains(column)) {
      return OptionalLong.of(file.partitionValues().get(column) == null ? file.statistics().numRecords() : 0);
    }
    Long nulls = file.statistics().nullCounts().get(column);
    return nulls == null ? OptionalLong.empty() : OptionalLong.of(nulls);
  }

  /** The table's names for a check's columns; the planner has made sure each one exists. */
  private static List<String> columns(ResolvedTable table, List<String> declared) {
    return declared.stream().map(name -> table.column(name).map(TableColumn::name).orElseThrow()).toList();
  }
}
