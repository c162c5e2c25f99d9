package io.meshwatch.worker.governance;

import java.util.Objects;

/**
 * One difference between two versions of a spec. {@code path} names the field; columns, checks and
 * consumers are named by name, not position ({@code spec.schema[customer_id].type},
 * {@code spec.quality.custom_checks[positive_amounts]}, {@code spec.consumers[finance]}), since
 * positions shift when items are added. {@code before} is null for an addition, {@code after} for a
 * removal; values are text as a reviewer reads them.
 */
public record SpecChange(String path, ChangeKind kind, Impact impact, String before, String after) {

  public SpecChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    if (impact != kind.impact()) {
      throw new IllegalArgumentException(kind + " is " + kind.impact() + ", not " + impact);
    }
  }

  public static SpecChange of(String path, ChangeKind kind, String before, String after) {
    return new SpecChange(path, kind, kind.impact(), before, after);
  }

  public boolean breaking() {
    return impact == Impact.BREAKING;
  }

  /** {@code ~ spec.schema[order_id].type: string -> bigint  BREAKING (type changed)}. */
  public String render() {
    String sign = before == null ? "+" : after == null ? "-" : "~";
    String values = before == null ? after : after == null ? before : before + " -> " + after;
    String marker = switch (impact) {
      case BREAKING -> "  BREAKING (" + kind.label() + ")";
      case COMPATIBLE -> "  compatible (" + kind.label() + ")";
      case NON_SCHEMA -> "";
    };
    return sign + " " + path + ": " + values + marker;
  }
}
