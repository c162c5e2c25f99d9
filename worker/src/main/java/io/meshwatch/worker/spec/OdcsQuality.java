package io.meshwatch.worker.spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * ODCS v3 quality rules as meshwatch custom checks. Library metrics and simple {@code SELECT
 * COUNT(*)} rules become allow-listed expressions (parsed and checked like any custom check); text
 * rules, third-party engines and free SQL are reported as not mapped: meshwatch never runs free SQL.
 */
final class OdcsQuality {

  /** A check to add to {@code spec.quality.custom_checks}: its fields and where it came from. */
  record Check(String name, String expr, String severity, Node at, String sourcePath) {}

  /** The comparison operators of ODCS, as SQL; {@code mustBeBetween} and its negation are handled apart. */
  private static final Map<String, String> OPERATORS = Map.of(
      "mustBe", "=", "mustNotBe", "<>", "mustBeGreaterThan", ">", "mustBeGreaterOrEqualTo", ">=",
      "mustBeGreaterThanOrEqualTo", ">=", "mustBeLessThan", "<", "mustBeLessOrEqualTo", "<=", "mustBeLessThanOrEqualTo", "<=");

  /** ODCS v3.0 rule names, before {@code metric} replaced {@code rule}. */
  private static final Map<String, String> LEGACY_RULES = Map.of(
      "nullCheck", "nullValues", "duplicateCount", "duplicateValues", "rowCount", "rowCount", "validValues", "invalidValues");

  private static final Pattern COUNT_QUERY = Pattern.compile(
      "(?is)\\s*select\\s+count\\s*\\(\\s*\\*\\s*\\)\\s+from\\s+\\$?\\{(object|table)}\\s*(?:where\\s+(.+?))?\\s*;?\\s*");

  private final Problems problems;

  OdcsQuality(Problems problems) {
    this.problems = problems;
  }

  /**
   * The checks of the rules at {@code items}; {@code column} is the property's column for
   * property-level rules, null at the object level.
   */
  List<Check> map(List<OdcsObject.Item> items, String column) {
    List<Check> checks = new ArrayList<>();
    for (OdcsObject.Item item : items) {
      OdcsObject rule = OdcsObject.of(item.node(), item.path(), problems);
      if (rule == null) {
        continue;
      }
      Check check = rule(rule, column);
      if (check != null) {
        checks.add(check);
      }
      rule.reportUnmapped();
    }
    return checks;
  }

  private Check rule(OdcsObject rule, String column) {
    String type = Optional.ofNullable(rule.text("type")).orElse("library").toLowerCase(Locale.ROOT);
    String metricExpression;
    switch (type) {
      case "text" -> {
        rule.take("description");
        problems.warn(rule.path(), rule.line(), "not mapped: a text rule describes quality for people; it is not executable");
        return null;
      }
      case "custom" -> {
        rule.take("implementation");
        problems.warn(rule.path(), rule.line(), "not mapped: a custom rule runs in " + Optional.ofNullable(rule.text("engine")).orElse("another engine")
            + ", not in meshwatch");
        return null;
      }
      case "sql" -> {
        metricExpression = sql(rule, column);
        if (metricExpression == null) {
          return null;
        }
      }
      case "library" -> {
        metricExpression = library(rule, column);
        if (metricExpression == null) {
          return null;
        }
      }
      default -> {
        problems.warn(rule.path("type"), rule.line(), "not mapped: unknown rule type " + Texts.quote(type) + " (ODCS has library, sql, text and custom)");
        return null;
      }
    }
    String comparison = comparison(rule, metricExpression);
    if (comparison == null) {
      return null;
    }
    String name = rule.text("name");
    if (name != null && !NameRules.CHECK_NAME.accepts(name)) {
      problems.warn(rule.path("name"), rule.line(), "not used as the check's name (" + NameRules.CHECK_NAME.problem(name)
          + "); the name is derived from the expression");
      name = null;
    }
    return new Check(name, comparison, severity(rule), rule.node(), rule.path());
  }

  /** The metric of a library rule as an aggregate expression; null after reporting one that does not map. */
  private String library(OdcsObject rule, String column) {
    String metric = rule.text("metric");
    if (metric == null) {
      String legacy = rule.text("rule");
      metric = legacy == null ? null : LEGACY_RULES.getOrDefault(legacy, legacy);
    }
    if (metric == null) {
      problems.error(rule.path("metric"), rule.line(), "required for a library rule (nullValues, missingValues, invalidValues, duplicateValues, rowCount)");
      return null;
    }
    boolean percent = "percent".equalsIgnoreCase(rule.text("unit"));
    OdcsObject arguments = rule.object("arguments");
    String col = column == null ? null : quoted(column);
    String count = switch (metric) {
      case "rowCount" -> "count(*)";
      case "nullValues" -> col == null ? null : "count(*) - count(" + col + ")";
      case "duplicateValues" -> col == null ? null : "count(" + col + ") - count(distinct " + col + ")";
      case "missingValues" -> col == null ? null : missing(col, arguments);
      case "invalidValues" -> col == null ? null : invalid(col, arguments);
      default -> {
        problems.warn(rule.path("metric"), rule.line(), "not mapped: unknown metric " + Texts.quote(metric));
        yield "";
      }
    };
    if (count != null && count.isEmpty()) {
      return null;
    }
    if (count == null) {
      problems.warn(rule.path(), rule.line(), "not mapped: " + metric + (column == null
          ? " at the object level (meshwatch maps it on a property)" : " with these arguments (see docs/odcs.md)"));
      return null;
    }
    if (arguments != null) {
      arguments.reportUnmapped();
    }
    if (percent && !metric.equals("rowCount")) {
      return "(" + count + ") * 100.0 / greatest(count(*), 1)";
    }
    return count;
  }

  private String missing(String col, OdcsObject arguments) {
    List<String> values = arguments == null ? List.of() : literals(arguments, "missingValues");
    if (values == null) {
      return null;
    }
    List<String> nonNull = values.stream().filter(v -> !v.equals("NULL")).toList();
    String condition = col + " IS NULL" + (nonNull.isEmpty() ? "" : " OR " + col + " IN (" + String.join(", ", nonNull) + ")");
    return "sum(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
  }

  private String invalid(String col, OdcsObject arguments) {
    if (arguments == null || !arguments.has("validValues")) {
      if (arguments != null) {
        arguments.notMapped("pattern", "meshwatch expressions have no regular expressions");
      }
      return null;
    }
    List<String> values = literals(arguments, "validValues");
    if (values == null || values.isEmpty()) {
      return null;
    }
    return "sum(CASE WHEN " + col + " IS NOT NULL AND " + col + " NOT IN (" + String.join(", ", values) + ") THEN 1 ELSE 0 END)";
  }

  /** SQL literals of a list argument; null after reporting a value that is not a scalar. */
  private List<String> literals(OdcsObject arguments, String key) {
    List<String> literals = new ArrayList<>();
    for (OdcsObject.Item item : arguments.list(key)) {
      if (!(item.node() instanceof ScalarNode scalar)) {
        problems.warn(item.path(), Nodes.line(item.node()), "not mapped: values must be text or numbers");
        return null;
      }
      literals.add(literal(scalar));
    }
    return literals;
  }

  private static String literal(ScalarNode scalar) {
    if (Tag.NULL.equals(scalar.getTag())) {
      return "NULL";
    }
    if (Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag())) {
      return scalar.getValue();
    }
    return "'" + scalar.getValue().replace("'", "''") + "'";
  }

  /** A {@code SELECT COUNT(*) FROM {object} [WHERE ...]} query as an aggregate; null after reporting another query. */
  private String sql(OdcsObject rule, String column) {
    String query = rule.text("query");
    if (query == null) {
      problems.error(rule.path("query"), rule.line(), "required for an sql rule");
      return null;
    }
    Matcher matcher = COUNT_QUERY.matcher(query);
    if (!matcher.matches()) {
      problems.warn(rule.path("query"), rule.line(), "not mapped: only SELECT COUNT(*) FROM {object} [WHERE condition] maps to a check;"
          + " meshwatch runs allow-listed expressions, never free SQL");
      return null;
    }
    String condition = matcher.group(2);
    if (condition == null) {
      return "count(*)";
    }
    if (column != null) {
      condition = condition.replace("${property}", quoted(column)).replace("{property}", quoted(column))
          .replace("${column}", quoted(column)).replace("{column}", quoted(column));
    }
    // The condition goes through the same allow-listing parser as any custom check when the spec is bound.
    return "sum(CASE WHEN " + condition.strip() + " THEN 1 ELSE 0 END)";
  }

  /** The metric compared as the rule's operator says; null after reporting a rule without a usable one. */
  private String comparison(OdcsObject rule, String metric) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> operator : OPERATORS.entrySet()) {
      Optional<Node> value = rule.take(operator.getKey());
      if (value.isPresent()) {
        String number = number(value.get(), rule.path(operator.getKey()));
        if (number == null) {
          return null;
        }
        parts.add(metric + " " + operator.getValue() + " " + number);
      }
    }
    for (String between : List.of("mustBeBetween", "mustNotBeBetween")) {
      Optional<Node> value = rule.take(between);
      if (value.isEmpty()) {
        continue;
      }
      if (!(value.get() instanceof SequenceNode range) || range.getValue().size() != 2) {
        problems.error(rule.path(between), Nodes.line(value.get()), "must be a list of two numbers, such as [0, 100]");
        return null;
      }
      String low = number(range.getValue().get(0), rule.path(between) + "[0]");
      String high = number(range.getValue().get(1), rule.path(between) + "[1]");
      if (low == null || high == null) {
        return null;
      }
      // ODCS: mustBeBetween is mustBeGreaterThan and mustBeLessThan together.
      parts.add(between.equals("mustBeBetween")
          ? "(" + metric + " > " + low + " AND " + metric + " < " + high + ")"
          : "(" + metric + " <= " + low + " OR " + metric + " >= " + high + ")");
    }
    if (parts.isEmpty()) {
      // No operator: a count of bad values must be zero; a row count must find rows.
      parts.add(metric + (metric.equals("count(*)") ? " > 0" : " = 0"));
    }
    parts.sort(null);
    return String.join(" AND ", parts);
  }

  private String number(Node node, String path) {
    if (node instanceof ScalarNode scalar && (Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()))) {
      try {
        return new BigDecimal(scalar.getValue().replace("+", "")).toPlainString();
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.error(path, Nodes.line(node), "must be a number, got " + Nodes.describe(node));
    return null;
  }

  /** ODCS severities are free text; anything that reads as an error fails, the rest warns. */
  private String severity(OdcsObject rule) {
    String severity = rule.text("severity");
    if (severity == null) {
      return null;
    }
    String lower = severity.toLowerCase(Locale.ROOT);
    if (List.of("error", "fail", "failure", "critical", "high", "blocker", "major").contains(lower)) {
      return "fail";
    }
    if (List.of("warning", "warn", "info", "low", "minor", "medium").contains(lower)) {
      return "warn";
    }
    problems.warn(rule.path("severity"), rule.line(), "not recognised: " + Texts.quote(severity) + "; the check fails (opens incidents)");
    return null;
  }

  /** Column names are quoted: a column named like a keyword ({@code date}, {@code order}) still parses. */
  static String quoted(String column) {
    return "\"" + column.replace("\"", "\"\"") + "\"";
  }
}
