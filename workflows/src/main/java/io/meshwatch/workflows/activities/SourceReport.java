package io.meshwatch.workflows.activities;

import io.meshwatch.workflows.model.ProductId;
import java.util.Objects;

/**
 * Input of {@link SourceActivities#report}: {@code product}'s monitor could not reach warehouse
 * connection {@code connection} ({@code down}), or reaches it again ({@code !down}). A monitor
 * reports each change once: down when its probe first names the connection unreachable, up once
 * when it is reachable again (or when the product is retired while down).
 */
public record SourceReport(String connection, ProductId product, boolean down) {
  public SourceReport {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(product, "product");
  }
}
