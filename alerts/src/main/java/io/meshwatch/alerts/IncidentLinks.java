package io.meshwatch.alerts;

import io.meshwatch.workflows.model.ProductId;
import java.net.URI;
import java.util.Optional;

/**
 * Where to look further at a product: the dashboard and the runbook, from templates in worker config
 * ({@code links.dashboard_url}, {@code links.runbook_url}) with {@code {domain}} and {@code {name}}
 * replaced. A null template means no such link.
 */
public record IncidentLinks(String dashboardTemplate, String runbookTemplate) {

  public IncidentLinks {
    dashboardTemplate = validated("links.dashboard_url", dashboardTemplate);
    runbookTemplate = validated("links.runbook_url", runbookTemplate);
  }

  public static IncidentLinks none() {
    return new IncidentLinks(null, null);
  }

  public Optional<URI> dashboard(ProductId product) {
    return expand(dashboardTemplate, product);
  }

  public Optional<URI> runbook(ProductId product) {
    return expand(runbookTemplate, product);
  }

  private static Optional<URI> expand(String template, ProductId product) {
    if (template == null) {
      return Optional.empty();
    }
    // Domain and name are lower-case DNS labels (the spec loader checks), so they need no encoding.
    return Optional.of(URI.create(template.replace("{domain}", product.domain()).replace("{name}", product.name())));
  }

  private static String validated(String key, String template) {
    if (template == null || template.isBlank()) {
      return null;
    }
    String probe = template.strip().replace("{domain}", "d").replace("{name}", "n");
    URI uri;
    try {
      uri = URI.create(probe);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": not a URL template: " + template, e);
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException(key + ": must be an http(s) URL, got " + template);
    }
    return template.strip();
  }
}
