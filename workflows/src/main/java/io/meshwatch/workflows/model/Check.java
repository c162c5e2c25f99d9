package io.meshwatch.workflows.model;

import java.util.List;
import java.util.Objects;

/**
 * One check derived from a spec (DESIGN §5). A closed set: planners dispatch on it with an exhaustive
 * {@code switch}. Each check has a stable id that keys its results across evaluations.
 */
public sealed interface Check {

  String id();

  CheckKind kind();

  /** What a violation means; only custom checks may be declared {@code warn}. */
  default Severity severity() {
    return Severity.FAIL;
  }

  /** Freshness: last update against the expected refresh and its deadline (metadata, no scan). */
  record Freshness() implements Check {
    public String id() {
      return "freshness";
    }

    public CheckKind kind() {
      return CheckKind.FRESHNESS;
    }
  }

  /** Declared columns exist with compatible types (metadata, no scan). */
  record SchemaConformance(List<ColumnSpec> columns) implements Check {
    public SchemaConformance {
      columns = List.copyOf(columns);
    }

    public String id() {
      return "schema";
    }

    public CheckKind kind() {
      return CheckKind.SCHEMA;
    }
  }

  /** No null in a {@code nullable: false} column. */
  record NotNull(String column) implements Check {
    public NotNull {
      Objects.requireNonNull(column);
    }

    public String id() {
      return "not_null:" + column;
    }

    public CheckKind kind() {
      return CheckKind.NOT_NULL;
    }
  }

  /** Share of rows whose non-nullable columns are all non-null, against a threshold in (0, 1]. */
  record Completeness(List<String> columns, double threshold) implements Check {
    public Completeness {
      columns = List.copyOf(columns);
    }

    public String id() {
      return "completeness";
    }

    public CheckKind kind() {
      return CheckKind.COMPLETENESS;
    }
  }

  /** Values of a {@code pii: true} column conform to its declared handling. */
  record PiiConformance(String column, PiiHandling handling) implements Check {
    public PiiConformance {
      Objects.requireNonNull(column);
      Objects.requireNonNull(handling);
    }

    public String id() {
      return "pii:" + column;
    }

    public CheckKind kind() {
      return CheckKind.PII_HANDLING;
    }
  }

  /** A custom SQL boolean expression: a row predicate, or an aggregate predicate over the scope. */
  record Custom(String name, String expr, Severity severity, double tolerance) implements Check {
    public Custom {
      Objects.requireNonNull(name);
      Objects.requireNonNull(expr);
      Objects.requireNonNull(severity);
    }

    public String id() {
      return "custom:" + name;
    }

    public CheckKind kind() {
      return CheckKind.CUSTOM;
    }
  }
}
