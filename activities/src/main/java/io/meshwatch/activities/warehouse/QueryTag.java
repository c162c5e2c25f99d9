package io.meshwatch.activities.warehouse;

import io.meshwatch.workflows.model.ProductId;
import java.util.Objects;

/**
 * The tag a warehouse shows for meshwatch's statements ({@code meshwatch:<domain>/<name>}), so an
 * operator can attribute load and cost. Adapters pass it as a bound value (for example
 * PostgreSQL's {@code application_name}), never inside SQL text.
 */
public record QueryTag(String value) {

  /** The tag of a metadata read shared by every product on a connection ({@link SharedMetadata}). */
  public static final QueryTag SHARED_METADATA = new QueryTag("meshwatch:metadata");

  public QueryTag {
    Objects.requireNonNull(value);
  }

  public static QueryTag of(ProductId product) {
    return new QueryTag("meshwatch:" + product.domain() + "/" + product.name());
  }
}
