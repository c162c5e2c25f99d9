package io.meshwatch.worker.cli;

import io.meshwatch.worker.api.IncidentKey;
import io.meshwatch.workflows.model.ProductId;

/**
 * What an incident command names: one incident by its id ({@code incident/<domain>/<name>/<opened>})
 * or a product ({@code <domain>/<name>}), meaning its open incident.
 */
sealed interface IncidentTarget {

  /** The API path of {@code verb} on this target. */
  String path(String verb);

  record Incident(IncidentKey key) implements IncidentTarget {
    @Override
    public String path(String verb) {
      return "/api/incidents/" + key.product().domain() + "/" + key.product().name() + "/" + key.openedMillis() + "/" + verb;
    }
  }

  record OpenIncidentOf(ProductId product) implements IncidentTarget {
    @Override
    public String path(String verb) {
      return "/api/products/" + product.domain() + "/" + product.name() + "/incident/" + verb;
    }
  }

  /**
   * Reads an incident id or a product id.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  static IncidentTarget parse(String text) {
    if (text.startsWith(IncidentKey.PREFIX)) {
      return new Incident(IncidentKey.parse(text));
    }
    String[] parts = text.split("/", -1);
    if (parts.length == 2 && IncidentKey.validSegment(parts[0]) && IncidentKey.validSegment(parts[1])) {
      return new OpenIncidentOf(new ProductId(parts[0], parts[1]));
    }
    throw new IllegalArgumentException("expected an incident id (incident/<domain>/<name>/<opened>) or a product id"
        + " (<domain>/<name>, meaning its open incident), got '" + text + "'");
  }
}
