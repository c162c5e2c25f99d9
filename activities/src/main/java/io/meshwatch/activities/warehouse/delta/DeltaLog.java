package io.meshwatch.activities.warehouse.delta;

import io.delta.kernel.CommitActions;
import io.delta.kernel.CommitRange;
import io.delta.kernel.CommitRangeBuilder.CommitBoundary;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.internal.DeltaLogActionUtils.DeltaAction;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.meshwatch.activities.sql.TypeFamily;
import io.meshwatch.activities.warehouse.WarehouseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads Delta logs through Delta Kernel: the latest snapshot, its active files with their
 * statistics, and commits. Metadata only: no data file is opened here. Kernel's scan-file rows are
 * read with its {@code InternalScanFileUtils}, the accessors its own readers use (pinned with the
 * Kernel version).
 */
final class DeltaLog {

  private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");
  private static final Set<DeltaAction> COMMIT_ACTIONS =
      EnumSet.of(DeltaAction.COMMITINFO, DeltaAction.ADD, DeltaAction.REMOVE, DeltaAction.METADATA, DeltaAction.PROTOCOL);

  private final Engine engine;

  DeltaLog(Engine engine) {
    this.engine = engine;
  }

  DeltaSnapshot latest(DeltaLocation location) throws WarehouseException {
    try {
      Snapshot snapshot = Table.forPath(engine, location.path()).getLatestSnapshot(engine);
      List<DeltaColumn> columns = snapshot.getSchema().fields().stream().map(DeltaColumn::of).toList();
      String mapping = snapshot.getTableProperties().getOrDefault("delta.columnMapping.mode", "none");
      return new DeltaSnapshot(location, snapshot, snapshot.getMetadata().getId(), snapshot.getVersion(), columns,
          snapshot.getPartitionColumnNames(), mapping);
    } catch (RuntimeException e) {
      throw DeltaFailures.reading(location, e);
    }
  }

  /** The snapshot's data files, with partition values, statistics and deletion-vector flags. */
  ActiveFiles activeFiles(DeltaSnapshot snapshot) throws WarehouseException {
    Map<String, String> names = snapshot.columns().stream()
        .collect(Collectors.toMap(DeltaColumn::name, DeltaColumn::name));
    Set<String> maxColumns = snapshot.columns().stream()
        .filter(c -> switch (TypeFamily.of(c.typeName())) {
          case DATE, TIMESTAMP, TIMESTAMP_TZ -> true;
          case STRING, INTEGER, DECIMAL, BOOLEAN, BINARY, OTHER -> false;
        })
        .map(DeltaColumn::name)
        .collect(Collectors.toSet());
    List<DataFile> files = new ArrayList<>();
    Scan scan = snapshot.kernel().getScanBuilder().build();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine, true)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            files.add(dataFile(rows.next(), names, maxColumns));
          }
        }
      }
    } catch (IOException e) {
      throw DeltaFailures.reading(snapshot.location(), new UncheckedIOException(e));
    } catch (RuntimeException e) {
      throw DeltaFailures.reading(snapshot.location(), e);
    }
    return new ActiveFiles(snapshot.version(), files);
  }

  private static DataFile dataFile(Row scanFile, Map<String, String> names, Set<String> maxColumns) {
    FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
    Row add = scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
    int statsOrdinal = add.getSchema().indexOf("stats");
    String stats = statsOrdinal < 0 || add.isNullAt(statsOrdinal) ? null : add.getString(statsOrdinal);
    Map<String, String> partitions = new HashMap<>();
    InternalScanFileUtils.getPartitionValues(scanFile).forEach((k, v) -> partitions.put(names.getOrDefault(k, k), v));
    DeletionVectorDescriptor deletionVector = InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile);
    return new DataFile(status.getPath(), status.getSize(), partitions,
        FileStatistics.parse(stats, names::get, maxColumns).orElse(null),
        deletionVector == null ? 0 : deletionVector.getCardinality());
  }

  /**
   * The commits from {@code from} to the snapshot's version that are still in the log. A log keeps
   * its commit files for {@code delta.logRetentionDuration} (30 days by default) after a checkpoint
   * covers them, so older ones may be gone: reading then starts at the oldest one left.
   */
  List<Commit> commits(DeltaSnapshot snapshot, long from) throws WarehouseException {
    if (from > snapshot.version()) {
      return List.of();
    }
    try {
      return readCommits(snapshot, from);
    } catch (KernelException missingStart) {
      long oldest = oldestCommit(snapshot, from);
      if (oldest < 0 || oldest == from) {
        throw DeltaFailures.reading(snapshot.location(), missingStart);
      }
      try {
        return readCommits(snapshot, oldest);
      } catch (RuntimeException e) {
        throw DeltaFailures.reading(snapshot.location(), e);
      }
    } catch (RuntimeException e) {
      throw DeltaFailures.reading(snapshot.location(), e);
    }
  }

  private List<Commit> readCommits(DeltaSnapshot snapshot, long from) {
    CommitRange range = TableManager.loadCommitRange(snapshot.kernel().getPath(), CommitBoundary.atVersion(from))
        .withEndBoundary(CommitBoundary.atVersion(snapshot.version()))
        .build(engine);
    List<Commit> commits = new ArrayList<>();
    try (CloseableIterator<CommitActions> all = range.getCommitActions(engine, COMMIT_ACTIONS)) {
      while (all.hasNext()) {
        try (CommitActions commit = all.next()) {
          commits.add(summarize(commit));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return commits;
  }

  private static Commit summarize(CommitActions commit) throws IOException {
    boolean data = false;
    boolean definition = false;
    try (CloseableIterator<ColumnarBatch> batches = commit.getActions()) {
      while (batches.hasNext()) {
        ColumnarBatch batch = batches.next();
        StructType schema = batch.getSchema();
        int add = schema.indexOf("add");
        int remove = schema.indexOf("remove");
        int metadata = schema.indexOf("metaData");
        int protocol = schema.indexOf("protocol");
        try (CloseableIterator<Row> rows = batch.getRows()) {
          while (rows.hasNext()) {
            Row row = rows.next();
            data |= changesData(row, add) || changesData(row, remove);
            definition |= present(row, metadata) || present(row, protocol);
          }
        }
      }
    }
    return new Commit(commit.getVersion(), Instant.ofEpochMilli(commit.getTimestamp()), data, definition);
  }

  /** An add or remove action that changed data; a missing flag counts as a change, as the protocol's default. */
  private static boolean changesData(Row row, int ordinal) {
    if (!present(row, ordinal)) {
      return false;
    }
    Row action = row.getStruct(ordinal);
    int flag = action.getSchema().indexOf("dataChange");
    return flag < 0 || action.isNullAt(flag) || action.getBoolean(flag);
  }

  private static boolean present(Row row, int ordinal) {
    return ordinal >= 0 && !row.isNullAt(ordinal);
  }

  /** The version of the oldest commit file at or after {@code from}, or -1 when there is none. */
  private long oldestCommit(DeltaSnapshot snapshot, long from) {
    String log = snapshot.kernel().getPath().replaceAll("/+$", "") + "/_delta_log/";
    try (CloseableIterator<FileStatus> files = engine.getFileSystemClient()
        .listFrom(log + String.format("%020d", from) + ".json")) {
      while (files.hasNext()) {
        String path = files.next().getPath();
        Matcher name = COMMIT_FILE.matcher(path.substring(path.lastIndexOf('/') + 1));
        if (name.matches()) {
          return Long.parseLong(name.group(1));
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
