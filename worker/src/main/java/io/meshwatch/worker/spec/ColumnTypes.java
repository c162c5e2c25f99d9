package io.meshwatch.worker.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column types a spec may declare: the common names across Delta/Spark, Snowflake, BigQuery,
 * DuckDB and PostgreSQL, case-insensitive, with lengths and precisions where those take them, and
 * {@code array<type>}. Types are normalised (lower case, no spaces) so schema conformance compares
 * like with like; it maps each to a family (text, integer, decimal, ...) per warehouse.
 */
final class ColumnTypes {

  /** Names without parameters, as documented in docs/spec.md. */
  static final List<String> SIMPLE = List.of(
      "string", "varchar", "char", "text",
      "tinyint", "smallint", "int", "integer", "bigint", "long", "int64",
      "decimal", "numeric", "number",
      "float", "double", "real", "float64", "double precision",
      "boolean", "bool",
      "date", "time", "timestamp", "timestamp_tz", "timestamp_ntz", "timestamp_ltz", "timestamptz", "datetime",
      "binary", "bytes", "varbinary", "bytea",
      "json", "variant", "uuid");

  private static final List<String> LENGTH = List.of("varchar", "char", "string", "binary", "varbinary");
  private static final List<String> PRECISION = List.of("decimal", "numeric", "number");
  private static final List<String> FRACTIONAL_SECONDS =
      List.of("time", "timestamp", "timestamp_tz", "timestamp_ntz", "timestamp_ltz", "timestamptz", "datetime");
  private static final int MAX_PRECISION = 38;
  private static final int MAX_FRACTIONAL_DIGITS = 9;

  private static final Pattern PARAMETERS = Pattern.compile("([a-z_]+)\\((\\d{1,9})(?:,(\\d{1,9}))?\\)");
  private static final Pattern ARRAY = Pattern.compile("array<(.+)>");

  private ColumnTypes() {}

  /** The normalised type: lower case, single spaces, none inside parentheses or brackets. */
  static String normalise(String type) {
    return type.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll(" ?([(),<>]) ?", "$1");
  }

  /** Why {@code type} is not acceptable, or empty when it is. {@code type} is normalised. */
  static Optional<String> problem(String type) {
    if (type.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (type.length() > 200) {
      return Optional.of("is longer than 200 characters");
    }
    Matcher array = ARRAY.matcher(type);
    if (array.matches()) {
      return problem(array.group(1));
    }
    if (SIMPLE.contains(type)) {
      return Optional.empty();
    }
    Matcher parameters = PARAMETERS.matcher(type);
    if (parameters.matches()) {
      return parameterProblem(parameters.group(1), parameters.group(2), parameters.group(3));
    }
    String base = type.replaceAll("[(<].*", "");
    String suggestion = Suggestions.closest(base, SIMPLE).map(s -> "; did you mean '" + s + "'?").orElse("");
    return Optional.of("unknown type " + Texts.quote(type) + suggestion + " (see the list of types in docs/spec.md)");
  }

  private static Optional<String> parameterProblem(String base, String first, String second) {
    long a = Long.parseLong(first);
    if (LENGTH.contains(base) && second == null) {
      return a >= 1 ? Optional.empty() : Optional.of("length of " + base + " must be at least 1, got " + a);
    }
    if (PRECISION.contains(base)) {
      long scale = second == null ? 0 : Long.parseLong(second);
      if (a < 1 || a > MAX_PRECISION) {
        return Optional.of("precision of " + base + " must be 1 to " + MAX_PRECISION + ", got " + a);
      }
      if (scale > a) {
        return Optional.of("scale of " + base + " must be at most its precision " + a + ", got " + scale);
      }
      return Optional.empty();
    }
    if (FRACTIONAL_SECONDS.contains(base) && second == null) {
      return a <= MAX_FRACTIONAL_DIGITS
          ? Optional.empty()
          : Optional.of("fractional seconds of " + base + " must be 0 to " + MAX_FRACTIONAL_DIGITS + ", got " + a);
    }
    if (LENGTH.contains(base) || FRACTIONAL_SECONDS.contains(base)) {
      return Optional.of(base + " takes one parameter, such as " + base + "(" + (LENGTH.contains(base) ? 255 : 6) + ")");
    }
    return Optional.of("type " + base + " takes no parameters here; lengths apply to " + Texts.oneOf(LENGTH)
        + ", precision and scale to " + Texts.oneOf(PRECISION) + ", fractional seconds to time and timestamp types");
  }
}
