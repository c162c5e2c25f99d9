package io.meshwatch.worker.bench;

import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.postgres.PostgresWarehouseClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code meshwatch bench-metadata}: what the freshness probes of N products on one PostgreSQL
 * connection cost per poll cycle, each probe on its own ({@code metadata_max_age: 0s}) against
 * batched ({@code metadata_max_age} a fifth of the poll interval, the worker's default). Counts the
 * metadata statements the adapter tallies, the statements that reached the driver (sessions
 * included) and the freshness-column maxima those statements computed, and checks that both ways
 * answered every probe alike. The poll is simulated by a clock the run moves itself: the products'
 * probes either all at one instant (polls aligned) or evenly over the poll interval (as monitors
 * started at different times poll).
 */
public final class MetadataBench {

  private static final String SCHEMA = "freshness_bench";
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  private final List<Integer> productCounts;
  private final Duration pollInterval;
  private final PrintStream out;
  private final PrintStream progress;

  /** One way of probing, measured over one poll cycle. */
  private record Cycle(int metadataStatements, int driverStatements, int maxima, double millis, List<TableProbe> probes) {}

  private enum Mode {
    ALONE("each alone"), ALIGNED("batched, polls aligned"), SPREAD("batched, polls spread");

    final String label;

    Mode(String label) {
      this.label = label;
    }
  }

  public MetadataBench(List<Integer> productCounts, Duration pollInterval, PrintStream out, PrintStream progress) {
    if (productCounts.isEmpty() || productCounts.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("--products must list one or more counts of at least 1, such as 10,100,1000");
    }
    if (pollInterval.isNegative() || pollInterval.toSeconds() < 5) {
      throw new IllegalArgumentException("--poll must be at least 5s");
    }
    this.productCounts = List.copyOf(productCounts);
    this.pollInterval = pollInterval;
    this.out = out;
    this.progress = progress;
  }

  /** Runs every count; 0 when both ways answered alike, 2 when they did not. */
  public int run() throws Exception {
    Path folder = Files.createTempDirectory("meshwatch-bench-metadata");
    try (PostgresBenchWarehouse warehouse = PostgresBenchWarehouse.start(folder)) {
      int tables = Collections.max(productCounts);
      progress.println("[bench-metadata] creating " + tables + " tables");
      warehouse.write(tableStatements(tables));
      Duration maxAge = pollInterval.dividedBy(5);
      out.println("Freshness metadata on one PostgreSQL connection: " + warehouse.describe());
      out.println("Machine: " + MachineInfo.current().describe());
      out.println("Poll interval " + pollInterval + ", metadata_max_age " + maxAge + " when batched; one poll cycle"
          + " measured after one unmeasured cycle.");
      out.println();
      out.println(String.format(Locale.ROOT, "%8s  %-24s %10s %10s %8s %10s", "products", "probes", "metadata",
          "all stmts", "maxima", "ms/cycle"));
      boolean alike = true;
      for (int products : productCounts) {
        progress.println("[bench-metadata] " + products + " products");
        Cycle alone = cycle(warehouse.settings(), products, Mode.ALONE, Duration.ZERO);
        print(products, Mode.ALONE, alone);
        for (Mode mode : List.of(Mode.ALIGNED, Mode.SPREAD)) {
          Cycle batched = cycle(warehouse.settings(), products, mode, maxAge);
          print(products, mode, batched);
          alike &= batched.probes().equals(alone.probes());
        }
      }
      out.println();
      out.println(alike ? "Every probe answered alike each way." : "MISMATCH: batched probes answered differently.");
      return alike ? 0 : 2;
    } finally {
      Benchmark.delete(folder);
    }
  }

  private void print(int products, Mode mode, Cycle cycle) {
    out.println(String.format(Locale.ROOT, "%8d  %-24s %10d %10d %8d %10.1f", products, mode.label,
        cycle.metadataStatements(), cycle.driverStatements(), cycle.maxima(), cycle.millis()));
  }

  /** One unmeasured cycle (every table becomes known), then the measured one a poll later. */
  private Cycle cycle(ConnectionSettings settings, int products, Mode mode, Duration maxAge) throws WarehouseException {
    BenchClock clock = new BenchClock(START);
    StatementCounter counter = new StatementCounter();
    Jdbi jdbi = PostgresWarehouseClient.jdbi(settings);
    jdbi.setSqlLogger(counter);
    PostgresWarehouseClient client = new PostgresWarehouseClient(settings.name(), jdbi, settings.statementTimeout(),
        maxAge, clock);
    probeAll(client, clock, products, mode, START, new StatementTally());
    counter.reset();
    StatementTally tally = new StatementTally();
    long started = System.nanoTime();
    List<TableProbe> probes = probeAll(client, clock, products, mode, START.plus(pollInterval), tally);
    double millis = (System.nanoTime() - started) / 1e6;
    return new Cycle(tally.count(StatementKind.METADATA), counter.statements.get(), counter.maxima.get(), millis, probes);
  }

  private List<TableProbe> probeAll(PostgresWarehouseClient client, BenchClock clock, int products, Mode mode,
      Instant cycleStart, StatementTally tally) throws WarehouseException {
    List<TableProbe> probes = new ArrayList<>(products);
    for (int i = 0; i < products; i++) {
      clock.set(mode == Mode.SPREAD ? cycleStart.plus(pollInterval.multipliedBy(i).dividedBy(products)) : cycleStart);
      QueryContext context = new QueryContext(new QueryTag("meshwatch:bench/" + table(i)), tally);
      probes.add(client.probe(new TableName(null, SCHEMA, table(i)), "updated_at", context));
    }
    return probes;
  }

  private static List<String> tableStatements(int tables) {
    List<String> statements = new ArrayList<>();
    statements.add("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    statements.add("CREATE SCHEMA " + SCHEMA);
    for (int i = 0; i < tables; i++) {
      String table = SCHEMA + "." + table(i);
      statements.add("CREATE TABLE " + table + " (id bigint, updated_at timestamp)");
      statements.add("INSERT INTO " + table + " SELECT g, TIMESTAMP '2026-01-01' + g * INTERVAL '1 minute' + "
          + i + " * INTERVAL '1 second' FROM generate_series(1, 100) g");
      // Indexed, as docs/checks.md advises, so each maximum is an index lookup.
      statements.add("CREATE INDEX ON " + table + " (updated_at)");
    }
    statements.add("ANALYZE");
    return statements;
  }

  private static String table(int i) {
    return String.format(Locale.ROOT, "product_%04d", i);
  }

  /** Counts what reached the driver, and the freshness maxima in it (one per {@code max(} of a probe). */
  private static final class StatementCounter implements SqlLogger {
    final AtomicInteger statements = new AtomicInteger();
    final AtomicInteger maxima = new AtomicInteger();

    @Override
    public void logBeforeExecution(StatementContext context) {
      statements.incrementAndGet();
      String sql = context.getRenderedSql();
      maxima.addAndGet(sql.split("max\\(\"updated_at\"\\)", -1).length - 1);
    }

    void reset() {
      statements.set(0);
      maxima.set(0);
    }
  }
}
