package io.meshwatch.worker.bench;

import io.meshwatch.worker.runtime.Specs;
import io.meshwatch.worker.spec.SpecLoader;
import io.meshwatch.worker.spec.SpecResult;
import io.meshwatch.workflows.model.ProductSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the product tables into a warehouse and loads their specs through the spec loader every
 * entry point uses, so the benchmark measures specs meshwatch would accept at registration.
 */
final class ProductGenerator {

  private final SpecLoader loader = Specs.loader();

  List<BenchProduct> generate(BenchWarehouse warehouse, ProductShape shape, int products, int rows)
      throws SQLException {
    List<String> statements = new ArrayList<>();
    List<BenchProduct> generated = new ArrayList<>();
    for (int index = 0; index < products; index++) {
      String table = ProductShape.tableName(index);
      // Each product shifts the pattern by a prime, so no two tables hold the same rows.
      statements.addAll(BenchTables.create(warehouse.engine(), table, rows, index * 7919));
      generated.add(new BenchProduct(table, rows, spec(shape, warehouse.engine(), index, table)));
    }
    warehouse.write(statements);
    return List.copyOf(generated);
  }

  ProductSpec spec(ProductShape shape, BenchEngine engine, int index, String table) {
    String name = ProductShape.productName(index);
    SpecResult result = loader.load(name + ".yaml", shape.specYaml(engine, name, table));
    if (!(result instanceof SpecResult.Valid valid)) {
      throw new IllegalStateException("generated spec " + name + " is invalid: " + String.join("; ", result.report()));
    }
    return valid.spec();
  }
}
