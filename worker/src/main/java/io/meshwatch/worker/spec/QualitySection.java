package io.meshwatch.worker.spec;

import io.meshwatch.activities.expr.ExpressionValidator;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** {@code spec.quality}: freshness SLA, completeness, custom checks and scan scope. */
final class QualitySection {

  static final List<String> FIELDS = List.of(
      "freshness_sla_hours", "completeness_threshold", "custom_checks", "freshness_column", "partition_column", "lookback");

  static final List<String> CHECK_FIELDS = List.of("name", "expr", "severity", "tolerance");

  /** A leap year of hours: a longer SLA is a typo, not a promise. */
  static final BigDecimal MAX_SLA_HOURS = BigDecimal.valueOf(366 * 24);

  private static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::specName).toList();

  private final Fields quality;
  private final ExpressionValidator expressions;
  private final Problems problems;
  /** Declared check names and where each was first declared. */
  private final Map<String, String> names = new HashMap<>();

  private QualitySection(Fields quality, ExpressionValidator expressions, Problems problems) {
    this.quality = quality;
    this.expressions = expressions;
    this.problems = problems;
  }

  static QualitySpec bind(Fields quality, ExpressionValidator expressions, Problems problems) {
    return new QualitySection(quality, expressions, problems).bind();
  }

  private QualitySpec bind() {
    Double slaHours = slaHours();
    Double threshold = threshold();
    List<CustomCheckSpec> checks = customChecks();
    String freshnessColumn = quality.named("freshness_column", NameRules.IDENTIFIER);
    String partitionColumn = quality.named("partition_column", NameRules.IDENTIFIER);
    Long lookbackMinutes = DurationText.read(quality, "lookback");
    String lookback = lookbackMinutes == null ? null : quality.text("lookback").strip();
    if (lookback != null && !quality.has("partition_column")) {
      quality.warn("lookback", "has no effect without partition_column: scans are scoped by the partition column");
    }
    return new QualitySpec(slaHours, threshold, checks, freshnessColumn, partitionColumn, lookback);
  }

  private Double slaHours() {
    BigDecimal hours = quality.number("freshness_sla_hours");
    if (hours == null) {
      return null;
    }
    if (hours.signum() <= 0) {
      quality.error("freshness_sla_hours", "must be greater than 0, got " + quality.raw("freshness_sla_hours"));
      return null;
    }
    if (hours.compareTo(MAX_SLA_HOURS) > 0) {
      quality.error("freshness_sla_hours", "must be at most " + MAX_SLA_HOURS + " (a year), got " + quality.raw("freshness_sla_hours"));
      return null;
    }
    return hours.doubleValue();
  }

  private Double threshold() {
    BigDecimal threshold = quality.number("completeness_threshold");
    if (threshold == null) {
      return null;
    }
    if (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
      quality.error("completeness_threshold", "must be in (0, 1], got " + quality.raw("completeness_threshold"));
      return null;
    }
    return threshold.doubleValue();
  }

  /** One entry of custom_checks while names are being assigned. */
  private record Declared(String name, String expr, Severity severity, long tolerance) {}

  private List<CustomCheckSpec> customChecks() {
    List<Declared> declared = new ArrayList<>();
    Map<String, String> seenExpressions = new HashMap<>();
    for (Fields.Item item : quality.list("custom_checks")) {
      Declared check = item.node() instanceof MappingNode ? fromMapping(item) : fromText(item);
      if (check == null) {
        continue;
      }
      if (check.expr() != null) {
        String same = seenExpressions.putIfAbsent(sameness(check.expr()), item.path());
        if (same != null) {
          problems.warn(item.path(), Nodes.line(item.node()), "same expression as " + same);
        }
      }
      declared.add(check);
    }
    if (declared.stream().anyMatch(check -> check.expr() == null)) {
      return List.of();
    }
    List<String> assigned = CheckNames.assign(
        declared.stream().map(Declared::name).toList(), declared.stream().map(Declared::expr).toList());
    List<CustomCheckSpec> checks = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      Declared check = declared.get(i);
      checks.add(new CustomCheckSpec(assigned.get(i), check.expr(), check.severity(), check.tolerance()));
    }
    return checks;
  }

  private Declared fromText(Fields.Item item) {
    if (!(item.node() instanceof ScalarNode scalar) || Tag.BOOL.equals(scalar.getTag()) || Tag.NULL.equals(scalar.getTag())) {
      problems.error(item.path(), Nodes.line(item.node()),
          "must be an expression or a mapping with name and expr, got " + Nodes.describe(item.node()));
      return null;
    }
    String expr = expression(scalar.getValue(), item.path(), Nodes.line(item.node()));
    return new Declared(null, expr, Severity.FAIL, 0);
  }

  private Declared fromMapping(Fields.Item item) {
    Fields check = Fields.of(item.node(), item.path(), problems, CHECK_FIELDS);
    String name = check.named("name", NameRules.CHECK_NAME);
    if (name != null) {
      String first = names.putIfAbsent(name, item.path());
      if (first != null) {
        check.error("name", "duplicate check name " + Texts.quote(name) + " (also " + first + ")");
      }
    }
    String expr = null;
    String text = check.requiredText("expr");
    if (text != null) {
      expr = expression(text, check.path("expr"), check.line("expr"));
    }
    String severity = check.choice("severity", SEVERITIES);
    long tolerance = tolerance(check);
    return new Declared(
        name,
        expr,
        severity == null ? Severity.FAIL : Severity.valueOf(severity.toUpperCase(Locale.ROOT)),
        tolerance);
  }

  private long tolerance(Fields check) {
    BigDecimal tolerance = check.number("tolerance");
    if (tolerance == null) {
      return 0;
    }
    try {
      long value = tolerance.longValueExact();
      if (value >= 0) {
        return value;
      }
    } catch (ArithmeticException e) {
      // not a whole number in range: reported below
    }
    check.error("tolerance", "must be a whole number of rows, 0 or more, got " + check.raw("tolerance"));
    return 0;
  }

  /** The expression, stripped, when the validator accepts it; null after reporting otherwise. */
  private String expression(String text, String path, int line) {
    String expr = text.strip();
    if (expr.isEmpty()) {
      problems.error(path, line, "must not be empty");
      return null;
    }
    List<String> found;
    try {
      found = expressions.problems(expr);
    } catch (RuntimeException e) {
      // The validator failing on odd input is a refusal of that input, not a crash of the loader.
      problems.error(path, line, "could not be checked (" + e.getClass().getSimpleName() + ")");
      return null;
    }
    for (String problem : found) {
      problems.error(path, line, problem);
    }
    return found.isEmpty() ? expr : null;
  }

  /** Expressions that differ only in case or in the amount of white space are the same check. */
  private static String sameness(String expr) {
    return expr.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
