package io.meshwatch.worker.cli;

import io.meshwatch.workflows.model.ProductId;
import java.util.regex.Pattern;

/** A product named on the command line as {@code <domain>/<name>}, both lower-case DNS labels. */
final class ProductArgument {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private ProductArgument() {}

  static ProductId parse(String value) throws ApiOptions.UsageException {
    try {
      ProductId id = ProductId.parse(value);
      if (LABEL.matcher(id.domain()).matches() && LABEL.matcher(id.name()).matches()) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ApiOptions.UsageException("PRODUCT: must be <domain>/<name> in lower-case DNS labels, such as orders/orders-daily,"
        + " got '" + value + "'");
  }

  /** The API path of the product: {@code /api/products/orders/orders-daily}. */
  static String path(ProductId id) {
    return "/api/products/" + id.domain() + "/" + id.name();
  }
}
