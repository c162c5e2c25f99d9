package io.meshwatch.activities.warehouse.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes real Delta tables for tests, as another pipeline would: rows come from a DuckDB
 * {@code SELECT} (all columns, in the schema's order), and Delta Kernel's own write API turns them
 * into Parquet files with statistics and commits them. Cases Kernel does not write — deletion
 * vectors, column mapping, files without any statistics, compaction — are written by hand: Parquet
 * from DuckDB's {@code COPY ... (FORMAT parquet)} and the commit as the protocol's JSON lines.
 */
public final class DeltaTableWriter {

  private static final Engine ENGINE = DefaultEngine.create(new Configuration());

  private final Path table;

  public DeltaTableWriter(Path table) {
    this.table = table;
  }

  public Path path() {
    return table;
  }

  /** Creates the table (version 0, no data). */
  public long create(StructType schema, List<String> partitionColumns, Map<String, String> properties) {
    TransactionBuilder builder = Table.forPath(ENGINE, table.toString())
        .createTransactionBuilder(ENGINE, "meshwatch-tests", Operation.CREATE_TABLE)
        .withSchema(ENGINE, schema)
        .withPartitionColumns(ENGINE, partitionColumns);
    if (!properties.isEmpty()) {
      builder = builder.withTableProperties(ENGINE, properties);
    }
    return builder.build(ENGINE).commit(ENGINE, CloseableIterable.emptyIterable()).getVersion();
  }

  /**
   * Appends one commit with one data file per {@code SELECT} (of a partitioned table, each select
   * holds one partition's rows), with Kernel's statistics: row count, NULL counts, minima and maxima.
   */
  public long append(String... selects) {
    return append(true, selects);
  }

  /** Like {@link #append(String...)}, with the row count as the only statistic. */
  public long appendWithRowCountsOnly(String... selects) {
    return append(false, selects);
  }

  private long append(boolean statistics, String... selects) {
    Transaction transaction = Table.forPath(ENGINE, table.toString())
        .createTransactionBuilder(ENGINE, "meshwatch-tests", Operation.WRITE)
        .build(ENGINE);
    Row state = transaction.getTransactionState(ENGINE);
    StructType schema = transaction.getSchema(ENGINE);
    List<String> partitionColumns = transaction.getPartitionColumns(ENGINE);
    List<Row> actions = new ArrayList<>();
    for (String select : selects) {
      Path source = parquet(select, table.resolveSibling(table.getFileName() + "-staging"));
      Map<String, Literal> partition = partitionValues(select, schema, partitionColumns);
      try {
        CloseableIterator<FilteredColumnarBatch> logical = ENGINE.getParquetHandler()
            .readParquetFiles(Utils.singletonCloseableIterator(FileStatus.of(source.toUri().toString(),
                Files.size(source), 0)), schema, Optional.empty())
            .map(result -> new FilteredColumnarBatch(result.getData(), Optional.empty()));
        CloseableIterator<FilteredColumnarBatch> physical =
            Transaction.transformLogicalData(ENGINE, state, logical, partition);
        DataWriteContext context = Transaction.getWriteContext(ENGINE, state, partition);
        CloseableIterator<DataFileStatus> written = ENGINE.getParquetHandler().writeParquetFiles(
            context.getTargetDirectory(), physical, statistics ? context.getStatisticsColumns() : List.of());
        Transaction.generateAppendActions(ENGINE, state, written, context).forEachRemaining(actions::add);
        Files.delete(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return transaction.commit(ENGINE, CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())))
        .getVersion();
  }

  /** Writes the rows of {@code select} as a Parquet file into the table's directory; its path relative to the table. */
  public String dataFile(String select) {
    return parquet(select, table).getFileName().toString();
  }

  public long size(String relativePath) {
    try {
      return Files.size(table.resolve(relativePath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a checkpoint of the latest version, as a writer does every so many commits. */
  public void checkpoint() {
    try {
      Table.forPath(ENGINE, table.toString()).checkpoint(ENGINE, latestVersion());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a commit file, as log cleanup does once a checkpoint covers it. */
  public void deleteCommit(long version) {
    try {
      Files.delete(commitFile(version));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the next commit by hand, one JSON action per line; returns its version. */
  public long commit(String... actions) {
    long version = latestVersion() + 1;
    try {
      Files.createDirectories(table.resolve("_delta_log"));
      Files.writeString(commitFile(version), String.join("\n", actions) + "\n", StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return version;
  }

  /** Sets a commit's time the way Delta reads it without in-commit timestamps: its file's modification time. */
  public void commitTime(long version, Instant at) {
    try {
      Files.setLastModifiedTime(commitFile(version), FileTime.from(at));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String commitText(long version) {
    try {
      return Files.readString(commitFile(version));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The table id of the version-0 {@code metaData}, which a definition change must keep. */
  public String tableId() {
    for (String line : commitText(0).split("\n")) {
      if (line.contains("\"metaData\"")) {
        try {
          return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("metaData").get("id").asText();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException("commit 0 has no metaData");
  }

  public long latestVersion() {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      return -1;
    }
    try (Stream<Path> files = Files.list(log)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d{20}\\.json"))
          .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
          .max().orElse(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path commitFile(long version) {
    return table.resolve("_delta_log").resolve(String.format("%020d.json", version));
  }

  private static Path parquet(String select, Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path file = directory.resolve(UUID.randomUUID() + ".parquet");
    duckdb(statement -> statement.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)"));
    return file;
  }

  /** The partition values of a select that holds one partition's rows. */
  private static Map<String, Literal> partitionValues(String select, StructType schema, List<String> columns) {
    Map<String, Literal> values = new LinkedHashMap<>();
    if (columns.isEmpty()) {
      return values;
    }
    duckdb(statement -> {
      try (ResultSet rs = statement.executeQuery("SELECT DISTINCT " + String.join(", ", columns.stream()
          .map(c -> "CAST(\"" + c + "\" AS VARCHAR)").toList()) + " FROM (" + select + ")")) {
        rs.next();
        for (int i = 0; i < columns.size(); i++) {
          DataType type = schema.get(columns.get(i)).getDataType();
          String text = rs.getString(i + 1);
          values.put(columns.get(i), literal(type, text));
        }
        if (rs.next()) {
          throw new IllegalArgumentException("a select of a partitioned table must hold one partition: " + select);
        }
      }
    });
    return values;
  }

  private static Literal literal(DataType type, String text) {
    if (text == null) {
      return Literal.ofNull(type);
    }
    if (type instanceof DateType) {
      return Literal.ofDate((int) LocalDate.parse(text).toEpochDay());
    }
    if (type instanceof StringType) {
      return Literal.ofString(text);
    }
    throw new IllegalArgumentException("tests partition by date or string columns only, not " + type);
  }

  @FunctionalInterface
  private interface Work {
    void run(Statement statement) throws SQLException;
  }

  private static void duckdb(Work work) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      work.run(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
