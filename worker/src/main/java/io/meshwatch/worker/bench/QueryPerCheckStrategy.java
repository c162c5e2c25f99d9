package io.meshwatch.worker.bench;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (b) One query per check over one open connection, as dbt and Great Expectations run their tests.
 * The queries are rendered before any round (dbt compiles before it runs), from the table's columns
 * as meshwatch's catalog read reports them, so a round times only the queries.
 */
final class QueryPerCheckStrategy implements EvaluationStrategy {

  private final BenchWarehouse warehouse;
  private final Map<String, List<PerCheckQuery>> queries = new LinkedHashMap<>();

  QueryPerCheckStrategy(BenchWarehouse warehouse, WarehouseConnections connections, List<BenchProduct> products,
      Instant scheduledAt) throws WarehouseException {
    this.warehouse = warehouse;
    PerCheckQueries renderer = new PerCheckQueries();
    for (BenchProduct product : products) {
      if (!(connections.target(product.spec().output()) instanceof WarehouseTarget.Reachable target)) {
        throw new IllegalStateException("no warehouse connection for " + product.spec().id());
      }
      ResolvedTable table = target.client().columns(target.table(),
          new QueryContext(QueryTag.of(product.spec().id()), new StatementTally()));
      Dialect dialect = target.client().dialect();
      queries.put(product.table(), renderer.render(product.spec(), table, dialect, scheduledAt));
    }
  }

  @Override
  public Strategy strategy() {
    return Strategy.QUERY_PER_CHECK;
  }

  /** The queries of a product, in check order. */
  List<PerCheckQuery> queries(BenchProduct product) {
    return queries.get(product.table());
  }

  @Override
  public List<ProductRun> round(List<BenchProduct> products) throws SQLException {
    List<ProductRun> runs = new ArrayList<>();
    try (Connection connection = warehouse.openReader()) {
      for (BenchProduct product : products) {
        List<PerCheckQuery> own = queries(product);
        Map<String, Long> measured = new HashMap<>();
        Map<String, Long> checkNanos = new HashMap<>();
        long allocated = Allocations.currentThread();
        long started = System.nanoTime();
        for (PerCheckQuery query : own) {
          long queryStarted = System.nanoTime();
          measured.put(query.checkId(), run(connection, query));
          checkNanos.put(query.checkId(), System.nanoTime() - queryStarted);
        }
        long nanos = System.nanoTime() - started;
        // Every query reads the whole table: the generated specs have no partition scope.
        runs.add(new ProductRun(product.table(), own.size(), own.size(), (long) own.size() * product.rows(), nanos,
            Allocations.since(allocated), measured, checkNanos));
      }
    }
    return runs;
  }

  /** The query's measurement: violating rows, or 1/0 for an aggregate predicate. */
  static long run(Connection connection, PerCheckQuery query) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
      for (int i = 0; i < query.parameters().size(); i++) {
        statement.setObject(i + 1, query.parameters().get(i));
      }
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no row from " + query.checkId());
        }
        return switch (query.result()) {
          case VIOLATING_ROWS -> rs.getLong(1);
          case ROWS_AND_COMPLETE -> rs.getLong(1) - rs.getLong(2);
          case ROWS_AND_TRUTH -> rs.getBoolean(2) ? 1 : 0;
        };
      }
    }
  }
}
