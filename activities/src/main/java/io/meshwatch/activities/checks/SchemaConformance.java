package io.meshwatch.activities.checks;

import io.meshwatch.activities.sql.TypeFamily;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Schema conformance from the catalog, without a scan: every declared column exists with a
 * compatible type. Compatibility is by {@link TypeFamily} and lenient:
 *
 * <ul>
 *   <li>string, integer, boolean, date and binary families match themselves;
 *   <li>a declared integer also accepts a decimal with scale 0 ({@code NUMBER(38,0)});
 *   <li>a declared decimal, numeric, float or double accepts any integer or decimal type;
 *   <li>timestamp and timestamp with time zone accept each other;
 *   <li>a declared type outside the families ({@code json}, {@code uuid}, arrays) matches the same
 *       type name, and is otherwise not compared (the column must still exist).
 * </ul>
 *
 * Columns the table has beyond the declared ones are fine.
 */
public final class SchemaConformance {

  private SchemaConformance() {}

  public static CheckResult evaluate(Check.SchemaConformance check, ResolvedTable table) {
    List<String> problems = new ArrayList<>();
    List<String> notCompared = new ArrayList<>();
    for (ColumnSpec declared : check.columns()) {
      Optional<TableColumn> actual = table.column(declared.name());
      if (actual.isEmpty()) {
        problems.add(declared.name() + " is missing");
        continue;
      }
      switch (compare(declared.type(), actual.get())) {
        case COMPATIBLE -> {}
        case INCOMPATIBLE -> problems.add(declared.name() + " is declared " + declared.type() + " but the table has "
            + actual.get().typeName());
        case NOT_COMPARED -> notCompared.add(declared.name() + " (" + declared.type() + " vs "
            + actual.get().typeName() + ")");
      }
    }
    int declaredCount = check.columns().size();
    int conforming = declaredCount - problems.size();
    String message;
    if (!problems.isEmpty()) {
      message = problems.size() + " of " + declaredCount + " declared columns of " + table.name().display()
          + " do not conform: " + String.join("; ", problems);
    } else if (!notCompared.isEmpty()) {
      message = "types not compared: " + String.join(", ", notCompared);
    } else {
      message = null;
    }
    return new CheckResult(check.id(), check.kind(), problems.isEmpty() ? Outcome.PASS : Outcome.FAIL,
        (double) conforming, (double) declaredCount, (long) problems.size(), null, message);
  }

  enum Comparison { COMPATIBLE, INCOMPATIBLE, NOT_COMPARED }

  static Comparison compare(String declaredType, TableColumn actual) {
    TypeFamily declared = TypeFamily.of(declaredType);
    TypeFamily found = actual.family();
    boolean compatible = switch (declared) {
      case STRING, BOOLEAN, DATE, BINARY -> found == declared;
      case INTEGER -> found == TypeFamily.INTEGER || TypeFamily.wholeDecimal(actual.typeName());
      case DECIMAL -> found == TypeFamily.DECIMAL || found == TypeFamily.INTEGER;
      case TIMESTAMP, TIMESTAMP_TZ -> found == TypeFamily.TIMESTAMP || found == TypeFamily.TIMESTAMP_TZ;
      case OTHER -> TypeFamily.baseName(declaredType).equals(TypeFamily.baseName(actual.typeName()));
    };
    if (compatible) {
      return Comparison.COMPATIBLE;
    }
    return declared == TypeFamily.OTHER ? Comparison.NOT_COMPARED : Comparison.INCOMPATIBLE;
  }
}
