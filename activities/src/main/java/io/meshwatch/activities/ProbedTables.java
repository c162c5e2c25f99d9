package io.meshwatch.activities;

import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.workflows.model.ProductId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table each product's last probe resolved, with the data version it saw. A cycle probes and
 * then, when the version moved, evaluates; the evaluation carries that version and takes the columns
 * from here instead of reading the catalog again. The version holds a fingerprint of the schema
 * ({@link SchemaFingerprint}), so a match means the probe saw these very columns. A column dropped in
 * the milliseconds between probe and scan fails the scan (ERROR) and moves the next cycle's version.
 * One entry per product; an evaluation on another worker than its probe finds nothing and reads the
 * catalog. Thread-safe.
 */
final class ProbedTables {

  private record Probed(String connection, TableName table, String version, ResolvedTable resolved) {}

  private final Map<ProductId, Probed> byProduct = new ConcurrentHashMap<>();

  void remember(ProductId product, String connection, TableName table, String version, ResolvedTable resolved) {
    if (version == null) {
      byProduct.remove(product);
    } else {
      byProduct.put(product, new Probed(connection, table, version, resolved));
    }
  }

  /** The columns the probe resolved, when it probed the same table and saw {@code version}. */
  Optional<ResolvedTable> find(ProductId product, String connection, TableName table, String version) {
    Probed probed = byProduct.get(product);
    return probed != null && version != null && probed.version().equals(version)
        && probed.connection().equals(connection) && probed.table().equals(table)
        ? Optional.of(probed.resolved())
        : Optional.empty();
  }

  void forget(ProductId product) {
    byProduct.remove(product);
  }
}
