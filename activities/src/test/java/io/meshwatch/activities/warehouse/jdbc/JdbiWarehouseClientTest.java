package io.meshwatch.activities.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshwatch.activities.checks.FusedScanPlanner;
import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.checks.ScanResults;
import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.QualitySpec;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class JdbiWarehouseClientTest {

  private final StatementTally tally = new StatementTally();
  private final QueryContext context = new QueryContext(new QueryTag("meshwatch:a/b"), tally);

  /** An engine on an in-memory DuckDB whose hooks record their calls; its set-up runs {@code setUpSql}. */
  private static final class RecordingEngine extends JdbiWarehouseClient {

    final List<String> calls = new ArrayList<>();
    private final String setUpSql;

    RecordingEngine(String setUpSql) {
      super("Recording", "rec", Jdbi.create("jdbc:duckdb:"), Duration.ofSeconds(5));
      this.setUpSql = setUpSql;
    }

    @Override
    public Dialect dialect() {
      return Dialect.DUCKDB;
    }

    @Override
    protected ResolvedTable columns(Handle handle, TableName table, QueryContext context) throws WarehouseException {
      calls.add("columns");
      // Every connection to "jdbc:duckdb:" is a database of its own: a scan finds this table only
      // on the connection that read the "catalog".
      handle.execute("CREATE TEMP TABLE " + table.table() + " AS SELECT 1 AS x UNION ALL SELECT NULL");
      return new ResolvedTable(table, List.of(new TableColumn("x", "INTEGER")));
    }

    @Override
    public TableProbe probe(TableName table, String freshnessColumn, QueryContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected void beginTransaction(Handle handle, QueryContext context) {
      calls.add("begin");
      super.beginTransaction(handle, context);
    }

    @Override
    protected void setUpTransaction(Handle handle, QueryContext context) {
      calls.add("set-up");
      context.tally().record(StatementKind.SESSION);
      handle.execute(setUpSql);
    }

    @Override
    protected void rollbackTransaction(Handle handle, QueryContext context) {
      calls.add("rollback");
      super.rollbackTransaction(handle, context);
    }

    @Override
    protected WarehouseException classify(SQLException e, boolean timedOut) {
      calls.add("classify timedOut=" + timedOut);
      return new WarehouseException(WarehouseFailure.QUERY_ERROR, described() + " refused the statement");
    }
  }

  @Test
  void aSessionReadsTheCatalogAndScansInOneTransaction() throws Exception {
    RecordingEngine engine = new RecordingEngine("SET threads = 1");
    ScanPlan plan = new FusedScanPlanner(new ExpressionParser()).plan(
        List.of(new Check.NotNull("x")), QualitySpec.empty(), new ResolvedTable(new TableName(null, null, "t"),
            List.of(new TableColumn("x", "INTEGER"))), Dialect.DUCKDB, Instant.parse("2026-01-01T00:00:00Z"));

    ScanRow row = engine.inSession(context, session -> {
      ResolvedTable table = session.columns(new TableName(null, null, "t"));
      return session.measure(table, plan);
    });

    assertThat(engine.calls).containsExactly("begin", "set-up", "columns", "rollback");
    assertThat(ScanResults.interpret(plan, row)).singleElement()
        .satisfies(result -> assertThat(result.violations()).isEqualTo(1L));
  }

  @Test
  void theWorkRunsBetweenTheSetUpAndTheRollbackAndItsStatementsAreTallied() throws Exception {
    RecordingEngine engine = new RecordingEngine("SET threads = 1");

    long answer = engine.inReadOnlyTransaction(context, handle -> {
      engine.calls.add("work");
      return engine.firstRow(handle.createQuery("SELECT 42"), context, StatementKind.METADATA, rs -> rs.getLong(1));
    });

    assertThat(answer).isEqualTo(42);
    assertThat(engine.calls).containsExactly("begin", "set-up", "work", "rollback");
    assertThat(tally.count(StatementKind.SESSION)).isEqualTo(1);
    assertThat(tally.count(StatementKind.METADATA)).isEqualTo(1);
  }

  @Test
  void aFailedSetUpIsRolledBackAndClassified() {
    RecordingEngine engine = new RecordingEngine("SET no_such_setting = 1");

    WarehouseException failure = catchThrowableOfType(WarehouseException.class,
        () -> engine.inReadOnlyTransaction(context, handle -> "never"));

    assertThat(engine.calls).containsExactly("begin", "set-up", "rollback", "classify timedOut=false");
    assertThat(failure).hasMessage("Recording connection 'rec' refused the statement");
  }

  @Test
  void aFailureWithoutAnSqlExceptionIsAQueryErrorNamingTheConnection() {
    RecordingEngine engine = new RecordingEngine("SET threads = 1");

    WarehouseException failure = catchThrowableOfType(WarehouseException.class,
        () -> engine.inReadOnlyTransaction(context,
            handle -> handle.createQuery("SELECT 1").mapTo(Thread.class).one()));

    assertThat(failure.failure()).isEqualTo(WarehouseFailure.QUERY_ERROR);
    assertThat(failure).hasMessage("Recording connection 'rec' failed (NoSuchMapperException)");
  }

  @Test
  void allRowsIsEmptyWhenThereAreNone() throws Exception {
    RecordingEngine engine = new RecordingEngine("SET threads = 1");

    List<Long> rows = engine.inReadOnlyTransaction(context, handle -> engine.allRows(
        handle.createQuery("SELECT * FROM range(0)"), context, StatementKind.METADATA, rs -> rs.getLong(1)));

    assertThat(rows).isEmpty();
  }
}
