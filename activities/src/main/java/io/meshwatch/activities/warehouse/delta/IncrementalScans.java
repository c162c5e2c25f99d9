package io.meshwatch.activities.warehouse.delta;

import io.meshwatch.activities.checks.Measurement;
import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the last scan of each plan counted, so the next one reads only the files added since.
 *
 * <p>Sound because a Delta data file never changes once written (a change writes new files and
 * removes old ones in the log), every function a check may call is deterministic (none reads the
 * clock), and every count in a fused scan without aggregate predicates is a sum over rows: the counts over files A and B together are the counts over A plus those over B. So
 * when every file the last scan read is still active, the new counts are the old ones plus a scan of
 * the files added since; nothing added means no scan at all. When a file the last scan read is gone
 * (DELETE, UPDATE, MERGE, OPTIMIZE, overwrite), its rows' share cannot be taken out again, and the
 * whole table is scanned. An aggregate predicate ({@code sum(x) > 0}, {@code count(DISTINCT x) = ...})
 * is not a sum of per-file truths, so a plan with one always scans every file.
 *
 * <p>A plan is its statement with its parameters (a lookback's cutoff moves every cycle, so scoped
 * plans rarely repeat) and the table's columns. Kept in the worker's memory, bounded: after a
 * restart, or on another worker, the first evaluation scans everything again.
 */
final class IncrementalScans {

  /** Whose counts a scan produced: the table, the statement and its parameters, the schema read. */
  record Key(String location, String sql, List<Object> parameters, List<TableColumn> columns) {
    Key {
      Objects.requireNonNull(location);
      Objects.requireNonNull(sql);
      parameters = List.copyOf(parameters);
      columns = List.copyOf(columns);
    }
  }

  /** The files a plan's counts cover, and the counts. */
  record Counted(Set<String> files, ScanRow counts) {
    Counted {
      files = Set.copyOf(files);
    }
  }

  /** What to read: {@code files} to scan, added to {@code base} (null: the files are the whole table). */
  record Work(List<DataFile> files, ScanRow base) {
    Work {
      files = List.copyOf(files);
    }

    /** False when the base already covers every active file: nothing was added. */
    boolean scans() {
      return base == null || !files.isEmpty();
    }
  }

  private final BoundedCache<Key, Counted> counted;

  IncrementalScans(long maxRememberedFiles) {
    this.counted = new BoundedCache<>(maxRememberedFiles, c -> c.files().size());
  }

  static boolean additive(ScanPlan plan) {
    return plan.measurements().stream().noneMatch(Measurement.AggregatePredicate.class::isInstance);
  }

  /** The files to scan for {@code plan} over {@code active}, and the counts to add theirs to. */
  Work work(Key key, ScanPlan plan, List<DataFile> active) {
    Counted last = additive(plan) ? counted.get(key) : null;
    if (last == null) {
      return new Work(active, null);
    }
    Set<String> now = paths(active);
    if (!now.containsAll(last.files())) {
      return new Work(active, null);
    }
    List<DataFile> added = active.stream().filter(f -> !last.files().contains(f.path())).toList();
    return new Work(added, last.counts());
  }

  /**
   * Combines the scan of {@code work}'s files ({@code scanned}, null when {@link Work#scans()} said
   * there was nothing to scan) with its base, and remembers the result for {@code key}.
   */
  ScanRow complete(Key key, ScanPlan plan, List<DataFile> active, Work work, ScanRow scanned) {
    ScanRow counts;
    if (work.base() == null) {
      counts = Objects.requireNonNull(scanned, "scanned");
    } else {
      counts = scanned == null ? work.base() : sum(work.base(), scanned);
    }
    if (additive(plan)) {
      counted.put(key, new Counted(paths(active), counts));
    }
    return counts;
  }

  private static ScanRow sum(ScanRow a, ScanRow b) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < a.values().size(); i++) {
      values.add(a.count(i) + b.count(i));
    }
    return new ScanRow(values);
  }

  private static Set<String> paths(List<DataFile> files) {
    return Set.copyOf(files.stream().map(DataFile::path).toList());
  }
}
