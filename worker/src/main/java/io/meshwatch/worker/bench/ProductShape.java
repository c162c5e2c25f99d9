package io.meshwatch.worker.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape every generated product shares for a given number of data checks: its columns, the
 * checks its spec declares, and the same checks written by hand as one fused query per engine (the
 * lower bound meshwatch is compared with).
 *
 * <p>Checks are taken in a fixed order so that a handful already mixes every kind: not-null, PII
 * hashing, a row predicate, completeness, an aggregate predicate (uniqueness), a second not-null,
 * then more row predicates. Eight checks give two not-null, one completeness, one PII, one aggregate
 * and three row predicates.
 */
public final class ProductShape {

  public static final int MAX_CHECKS = 64;

  /** The generated table's columns, in order, with the type the spec declares. */
  static final List<String[]> COLUMNS = List.of(
      new String[] {"order_id", "bigint"},
      new String[] {"customer_id", "string"},
      new String[] {"customer_hash", "string"},
      new String[] {"status", "string"},
      new String[] {"quantity", "integer"},
      new String[] {"amount", "decimal(12,2)"},
      new String[] {"discount", "decimal(12,2)"},
      new String[] {"created_at", "timestamp"},
      new String[] {"shipped_at", "timestamp"});

  /** How a check's value is read for comparison across strategies. */
  public enum Reading {
    /** Rows that violate the check (for completeness: rows that are not complete). */
    VIOLATING_ROWS,
    /** An aggregate predicate: 1 when true, 0 when false. */
    TRUTH
  }

  /**
   * One data check: its id in meshwatch's results and how it is written by hand on each engine.
   * {@code expr} is the custom check's expression (null for the built-in kinds).
   */
  public record BenchCheck(String id, Reading reading, String expr, String duckDbSql, String postgresSql) {

    String handWritten(BenchEngine engine) {
      return switch (engine) {
        case DUCKDB -> duckDbSql;
        case POSTGRES -> postgresSql;
      };
    }
  }

  private final List<BenchCheck> checks;
  private final List<String> requiredColumns;
  private final boolean piiHashed;
  private final boolean completeness;

  private ProductShape(List<BenchCheck> checks, List<String> requiredColumns, boolean piiHashed, boolean completeness) {
    this.checks = List.copyOf(checks);
    this.requiredColumns = List.copyOf(requiredColumns);
    this.piiHashed = piiHashed;
    this.completeness = completeness;
  }

  public static ProductShape of(int checkCount) {
    if (checkCount < 1 || checkCount > MAX_CHECKS) {
      throw new IllegalArgumentException("a product has 1 to " + MAX_CHECKS + " checks, got " + checkCount);
    }
    List<String> required = new ArrayList<>();
    boolean pii = false;
    boolean complete = false;
    List<BenchCheck> checks = new ArrayList<>();
    for (int slot = 0; slot < checkCount; slot++) {
      switch (slot) {
        case 0 -> {
          required.add("order_id");
          checks.add(notNull("order_id"));
        }
        case 1 -> {
          pii = true;
          // PostgreSQL's regular expressions run a bounded repetition such as {32,128} many times
          // slower than a plain run; a hex run of the right length is the same rule, so that is how
          // the lower bound spells it there. DuckDB's RE2 takes the bounded form in its stride.
          checks.add(new BenchCheck("pii:customer_hash", Reading.VIOLATING_ROWS, null,
              "count(*) FILTER (WHERE NOT regexp_full_match(customer_hash, '[0-9a-fA-F]{32,128}'))",
              "count(*) FILTER (WHERE NOT (customer_hash ~ '^[0-9a-fA-F]+$' AND length(customer_hash) BETWEEN 32 AND 128))"));
        }
        case 2 -> checks.add(row("amount_not_negative", "amount >= 0", "amount < 0"));
        // Completeness is written once every slot is known: it covers every not-null column.
        case 3 -> complete = true;
        case 4 -> checks.add(aggregate("order_id_unique", "count(DISTINCT order_id) = count(order_id)"));
        case 5 -> {
          required.add("customer_id");
          checks.add(notNull("customer_id"));
        }
        case 6 -> checks.add(row("known_status", "status IN ('new', 'paid', 'shipped', 'returned')",
            "status NOT IN ('new', 'paid', 'shipped', 'returned')"));
        case 7 -> checks.add(row("quantity_in_range", "quantity BETWEEN 1 AND 100", "quantity NOT BETWEEN 1 AND 100"));
        case 8 -> checks.add(row("shipped_after_created", "shipped_at >= created_at", "shipped_at < created_at"));
        case 9 -> checks.add(row("discount_within_amount", "discount <= amount", "discount > amount"));
        case 10 -> checks.add(row("customer_id_short", "length(customer_id) <= 8", "length(customer_id) > 8"));
        default -> {
          int limit = 100 + slot;
          checks.add(row("quantity_at_most_" + limit, "quantity <= " + limit, "quantity > " + limit));
        }
      }
    }
    if (complete) {
      String incomplete = required.stream().map(c -> c + " IS NULL").collect(Collectors.joining(" OR "));
      String sql = "count(*) FILTER (WHERE " + incomplete + ")";
      checks.add(new BenchCheck("completeness", Reading.VIOLATING_ROWS, null, sql, sql));
    }
    return new ProductShape(checks, required, pii, complete);
  }

  private static BenchCheck notNull(String column) {
    String sql = "count(*) - count(" + column + ")";
    return new BenchCheck("not_null:" + column, Reading.VIOLATING_ROWS, null, sql, sql);
  }

  /** A row predicate; {@code violation} is the hand-written condition a violating row meets. */
  private static BenchCheck row(String name, String expr, String violation) {
    String sql = "count(*) FILTER (WHERE " + violation + ")";
    return new BenchCheck("custom:" + name, Reading.VIOLATING_ROWS, expr, sql, sql);
  }

  private static BenchCheck aggregate(String name, String expr) {
    return new BenchCheck("custom:" + name, Reading.TRUTH, expr, expr, expr);
  }

  /** The data checks, completeness last. */
  public List<BenchCheck> checks() {
    return checks;
  }

  /**
   * The hand-written fused query: the row count first, then one column per check in the order of
   * {@link #checks()}.
   */
  public String handWrittenQuery(BenchEngine engine, String table) {
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    for (BenchCheck check : checks) {
      sql.append(",\n  ").append(check.handWritten(engine));
    }
    return sql.append("\nFROM ").append(engine.schema()).append('.').append(table).toString();
  }

  /** The product's spec as a platform team would write it. */
  public String specYaml(BenchEngine engine, String name, String table) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("""
        apiVersion: dataproduct/v1
        kind: DataProduct
        metadata:
          name: %s
          domain: bench
          owner: bench-team
          steward: steward@example.com
        spec:
          description: A product generated by meshwatch bench.
          output:
            format: %s
            connection: bench
            schema: %s
            table: %s
          schema:
        """.formatted(name, engine.format().specName(), engine.schema(), table));
    for (String[] column : COLUMNS) {
      yaml.append("    - name: ").append(column[0]).append('\n');
      yaml.append("      type: \"").append(column[1]).append("\"\n");
      if (requiredColumns.contains(column[0])) {
        yaml.append("      nullable: false\n");
      }
      if (piiHashed && column[0].equals("customer_hash")) {
        yaml.append("      pii: true\n      pii_handling: hashed\n");
      }
    }
    yaml.append("  quality:\n    freshness_sla_hours: 24\n    freshness_column: created_at\n");
    if (completeness) {
      yaml.append("    completeness_threshold: 0.999\n");
    }
    List<BenchCheck> custom = checks.stream().filter(c -> c.expr() != null).toList();
    if (!custom.isEmpty()) {
      yaml.append("    custom_checks:\n");
      for (BenchCheck check : custom) {
        yaml.append("      - name: ").append(check.id().substring("custom:".length())).append('\n');
        yaml.append("        expr: \"").append(check.expr()).append("\"\n");
      }
    }
    yaml.append("  consumers:\n    - team: analytics\n      use_case: \"Benchmark\"\n");
    return yaml.toString();
  }

  /** The name of the {@code index}-th product (from 0). */
  static String productName(int index) {
    return String.format(Locale.ROOT, "bench-product-%03d", index);
  }

  /** The table of the {@code index}-th product (from 0). */
  static String tableName(int index) {
    return String.format(Locale.ROOT, "product_%03d", index);
  }
}
