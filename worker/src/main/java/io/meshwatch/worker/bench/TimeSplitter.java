package io.meshwatch.worker.bench;

import io.meshwatch.activities.checks.FusedScanPlanner;
import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.sql.ScanQuery;
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
import java.util.List;

/**
 * Takes a cycle on changed data apart, step by step, with the same public parts
 * {@code WarehouseActivitiesImpl} is made of (the probe, the planner, one warehouse session), to explain a gap between (a) and (c). Not a
 * strategy: (a) is measured whole, through the activity.
 */
final class TimeSplitter {

  private final BenchWarehouse warehouse;
  private final WarehouseConnections connections;
  private final Instant scheduledAt;
  private final FusedScanPlanner planner = new FusedScanPlanner(new ExpressionParser());

  TimeSplitter(BenchWarehouse warehouse, WarehouseConnections connections, Instant scheduledAt) {
    this.warehouse = warehouse;
    this.connections = connections;
    this.scheduledAt = scheduledAt;
  }

  /** One pass over the products: each evaluation step by step, then the fused queries alone. */
  TimeSplit measure(List<BenchProduct> products) throws WarehouseException, SQLException {
    List<Long> probes = new ArrayList<>();
    List<Long> plan = new ArrayList<>();
    List<Long> scanCall = new ArrayList<>();
    List<Long> connect = new ArrayList<>();
    List<ScanQuery> queries = new ArrayList<>();
    for (BenchProduct product : products) {
      if (!(connections.target(product.spec().output()) instanceof WarehouseTarget.Reachable target)) {
        throw new IllegalStateException("no warehouse connection for " + product.spec().id());
      }
      QueryContext context = new QueryContext(QueryTag.of(product.spec().id()), new StatementTally());
      long started = System.nanoTime();
      ResolvedTable table = target.client().probe(target.table(), product.spec().quality().freshnessColumn(), context)
          .table();
      long resolved = System.nanoTime();
      ScanPlan scan = planner.plan(PerCheckQueries.dataChecks(product.spec()), product.spec().quality(), table,
          target.client().dialect(), scheduledAt);
      long planned = System.nanoTime();
      target.client().inSession(context, session -> session.measure(table, scan));
      long scanned = System.nanoTime();
      try (Connection connection = warehouse.openReader()) {
        connection.isValid(0);
      }
      long connected = System.nanoTime();
      probes.add(resolved - started);
      plan.add(planned - resolved);
      scanCall.add(scanned - planned);
      connect.add(connected - scanned);
      queries.add(scan.query());
    }
    // A separate pass: an open reader would keep the database warm for the calls above.
    List<Long> fused = new ArrayList<>();
    try (Connection connection = warehouse.openReader()) {
      for (ScanQuery query : queries) {
        fused.add(time(connection, query));
      }
    }
    return new TimeSplit(probes, plan, scanCall, connect, fused);
  }

  private static long time(Connection connection, ScanQuery query) throws SQLException {
    long started = System.nanoTime();
    try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
      for (int i = 0; i < query.parameters().size(); i++) {
        statement.setObject(i + 1, query.parameters().get(i));
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
      }
    }
    return System.nanoTime() - started;
  }
}
