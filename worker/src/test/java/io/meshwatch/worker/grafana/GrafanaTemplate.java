package io.meshwatch.worker.grafana;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana does to a query before it sends it: its SQL macros over a time range and template
 * variables replaced by values — so a test can run the query Grafana would run. Anything left that
 * looks like a macro or variable is an error, not passed through: a typo in a dashboard must fail.
 */
public final class GrafanaTemplate {

  /** {@code $name}, {@code ${name}}, {@code ${name:format}} and the old {@code [[name]]}. */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
  private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^()]+)\\)");
  private static final Pattern MACRO = Pattern.compile("\\$__\\w+\\(");

  /** Grafana's built-in interval variables, at values a dashboard could get. */
  public static final Map<String, String> PROMETHEUS_INTERVALS = Map.of(
      "__rate_interval", "1m", "__interval", "30s", "__range", "6h");

  private GrafanaTemplate() {}

  /** Replaces every variable by {@code values}; fails on a variable it has no value for. */
  public static String variables(String text, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no value for variable $" + name + " (known: " + values.keySet() + ")");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The SQL data sources' macros over [{@code from}, {@code to}] as Grafana renders them (RFC 3339
   * UTC literals, whole seconds), then the variables.
   */
  public static String sql(String text, Instant from, Instant to, Map<String, String> values) {
    String fromLiteral = "'" + DateTimeFormatter.ISO_INSTANT.format(from.truncatedTo(ChronoUnit.SECONDS)) + "'";
    String toLiteral = "'" + DateTimeFormatter.ISO_INSTANT.format(to.truncatedTo(ChronoUnit.SECONDS)) + "'";
    String expanded = TIME_FILTER.matcher(text)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1).strip() + " BETWEEN " + fromLiteral + " AND " + toLiteral))
        .replace("$__timeFrom()", fromLiteral)
        .replace("$__timeTo()", toLiteral);
    Matcher unknown = MACRO.matcher(expanded);
    if (unknown.find()) {
      throw new IllegalArgumentException("macro not supported by this test: " + unknown.group() + "...)");
    }
    return variables(expanded, values);
  }

  /** PromQL with Grafana's interval variables and the dashboard's variables replaced. */
  public static String promQl(String text, Map<String, String> values) {
    Map<String, String> all = new java.util.HashMap<>(PROMETHEUS_INTERVALS);
    all.putAll(values);
    return variables(text, all);
  }
}
