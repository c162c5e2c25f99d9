package io.meshwatch.worker.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * (c) The lower bound: every check of a product in one query written by hand for the engine (see
 * {@link ProductShape#handWrittenQuery}), over one open connection, with no catalog read, no session
 * set-up and no planning.
 */
final class HandWrittenStrategy implements EvaluationStrategy {

  private final BenchWarehouse warehouse;
  private final ProductShape shape;

  HandWrittenStrategy(BenchWarehouse warehouse, ProductShape shape) {
    this.warehouse = warehouse;
    this.shape = shape;
  }

  @Override
  public Strategy strategy() {
    return Strategy.HAND_WRITTEN;
  }

  @Override
  public List<ProductRun> round(List<BenchProduct> products) throws SQLException {
    List<ProductRun> runs = new ArrayList<>();
    try (Connection connection = warehouse.openReader(); Statement statement = connection.createStatement()) {
      for (BenchProduct product : products) {
        String sql = shape.handWrittenQuery(warehouse.engine(), product.table());
        Map<String, Long> measured = new HashMap<>();
        long allocated = Allocations.currentThread();
        long started = System.nanoTime();
        long rows;
        try (ResultSet rs = statement.executeQuery(sql)) {
          rs.next();
          rows = rs.getLong(1);
          List<ProductShape.BenchCheck> checks = shape.checks();
          for (int i = 0; i < checks.size(); i++) {
            ProductShape.BenchCheck check = checks.get(i);
            measured.put(check.id(), switch (check.reading()) {
              case VIOLATING_ROWS -> rs.getLong(i + 2);
              case TRUTH -> rs.getBoolean(i + 2) ? 1L : 0L;
            });
          }
        }
        long nanos = System.nanoTime() - started;
        runs.add(new ProductRun(product.table(), 1, 1, rows, nanos, Allocations.since(allocated), measured, Map.of()));
      }
    }
    return runs;
  }
}
