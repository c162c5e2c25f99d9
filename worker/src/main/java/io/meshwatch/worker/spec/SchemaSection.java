package io.meshwatch.worker.spec;

import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.PiiHandling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code spec.schema}: the declared columns. */
final class SchemaSection {

  static final List<String> FIELDS = List.of("name", "type", "nullable", "pii", "pii_handling");

  private static final List<String> HANDLINGS =
      Arrays.stream(PiiHandling.values()).map(PiiHandling::specName).toList();

  private SchemaSection() {}

  static List<ColumnSpec> bind(List<Fields.Item> items, Problems problems) {
    List<ColumnSpec> columns = new ArrayList<>();
    // Warehouses fold identifier case differently; two columns differing only in case are one too many.
    Map<String, String> seen = new HashMap<>();
    for (Fields.Item item : items) {
      Fields column = Fields.of(item.node(), item.path(), problems, FIELDS);
      String name = column.requiredNamed("name", NameRules.IDENTIFIER);
      if (name != null) {
        String first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), item.path());
        if (first != null) {
          column.error("name", "duplicate column " + Texts.quote(name) + " (also " + first + ")");
        }
      }
      String type = type(column);
      boolean nullable = Optional.ofNullable(column.bool("nullable")).orElse(true);
      Boolean piiValue = column.bool("pii");
      boolean pii = Boolean.TRUE.equals(piiValue);
      // A pii that is not true/false was reported; judging pii_handling against it would only echo that.
      boolean piiKnown = piiValue != null || !column.has("pii");
      PiiHandling handling = handling(column, pii, piiKnown);
      if (name != null && type != null) {
        columns.add(new ColumnSpec(name, type, nullable, pii, handling));
      }
    }
    return columns;
  }

  private static String type(Fields column) {
    String type = column.requiredText("type");
    if (type == null) {
      return null;
    }
    String normalised = ColumnTypes.normalise(type);
    Optional<String> problem = ColumnTypes.problem(normalised);
    if (problem.isPresent()) {
      column.error("type", problem.get());
      return null;
    }
    return normalised;
  }

  private static PiiHandling handling(Fields column, boolean pii, boolean piiKnown) {
    if (!column.has("pii_handling")) {
      if (pii) {
        column.error("pii_handling", "required when pii is true (one of " + Texts.oneOf(HANDLINGS) + ")");
      }
      return null;
    }
    String handling = column.choice("pii_handling", HANDLINGS);
    if (!pii && piiKnown) {
      column.error("pii_handling", "only allowed when pii is true");
      return null;
    }
    return handling == null ? null : PiiHandling.valueOf(handling.toUpperCase(Locale.ROOT));
  }
}
