package io.meshwatch.worker.governance;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.worker.spec.SpecLoader;
import io.meshwatch.worker.spec.SpecResult;
import io.meshwatch.workflows.model.ProductSpec;

/** Specs for governance tests, loaded from YAML the way registration loads them. */
final class Specs {

  static final SpecLoader LOADER = new SpecLoader(new ExpressionParser());

  private Specs() {}

  static ProductSpec load(String yaml) {
    SpecResult result = LOADER.load("test.yaml", yaml);
    if (result instanceof SpecResult.Valid valid) {
      return valid.spec();
    }
    throw new AssertionError("test spec is invalid: " + result.report());
  }

  static ProductSpec resource(String path) {
    try (var in = Specs.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + path);
      }
      return load(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The reference spec with {@code replacement} in place of {@code original} (which must occur). */
  static ProductSpec reference(String original, String replacement) {
    return load(referenceText(original, replacement));
  }

  static String referenceText(String original, String replacement) {
    String text = REFERENCE;
    if (!text.contains(original)) {
      throw new AssertionError("not in the reference spec: " + original);
    }
    return text.replace(original, replacement);
  }

  static final String REFERENCE = """
      apiVersion: dataproduct/v1
      kind: DataProduct
      metadata:
        name: orders-daily
        domain: orders
        owner: orders-platform-team
        steward: jane.smith@company.com
      spec:
        description: Daily aggregate of all completed orders.
        output:
          format: delta
          location: s3://data-platform/products/orders/orders_daily/
          catalog: glue
          database: domain_orders
          table: orders_daily
        schema:
          - name: order_id
            type: string
            nullable: false
            pii: false
          - name: customer_id
            type: string
            nullable: false
            pii: true
            pii_handling: hashed
        quality:
          freshness_sla_hours: 2
          completeness_threshold: 0.999
          custom_checks:
            - "order_count > 0"
            - "revenue_usd >= 0"
        consumers:
          - team: finance
            use_case: "Revenue reporting"
          - team: ml-platform
            use_case: "Churn prediction features"
      """;
}
