package io.meshwatch.activities.sql;

import io.meshwatch.activities.expr.ValueType;
import java.util.Locale;
import java.util.Set;

/**
 * A family of column types, read leniently from a type name as a spec declares it ({@code string},
 * {@code integer}) or as a warehouse reports it ({@code character varying(64)}, {@code DECIMAL(10,2)},
 * {@code TIMESTAMP WITH TIME ZONE}). Names outside every family are {@code OTHER}.
 */
public enum TypeFamily {
  STRING,
  INTEGER,
  DECIMAL,
  BOOLEAN,
  DATE,
  TIMESTAMP,
  TIMESTAMP_TZ,
  BINARY,
  OTHER;

  private static final Set<String> STRINGS = Set.of(
      "string", "varchar", "character varying", "char", "character", "text", "bpchar", "nvarchar", "nchar",
      "clob", "name", "citext");
  private static final Set<String> INTEGERS = Set.of(
      "int", "integer", "int2", "int4", "int8", "int16", "int32", "int64", "int128", "smallint", "bigint",
      "tinyint", "hugeint", "uhugeint", "utinyint", "usmallint", "uinteger", "ubigint", "long", "short",
      "byte", "serial", "bigserial", "smallserial", "integral");
  private static final Set<String> DECIMALS = Set.of(
      "decimal", "numeric", "number", "float", "float4", "float8", "float32", "float64", "real", "double",
      "double precision", "bignumeric", "bigdecimal", "varint");
  private static final Set<String> BOOLEANS = Set.of("boolean", "bool", "logical");
  private static final Set<String> TIMESTAMPS = Set.of(
      "timestamp", "timestamp without time zone", "datetime", "timestamp_ntz", "timestamp_s", "timestamp_ms",
      "timestamp_ns", "timestamp_us");
  private static final Set<String> TIMESTAMPS_TZ = Set.of(
      "timestamptz", "timestamp with time zone", "timestamp_tz", "timestamp_ltz");
  private static final Set<String> BINARIES = Set.of("bytea", "blob", "binary", "varbinary", "bytes", "bytestring");

  /** The family of a type name; parameters such as {@code (10,2)} are ignored. */
  public static TypeFamily of(String typeName) {
    String base = baseName(typeName);
    if (base.endsWith("[]") || base.startsWith("array") || base.startsWith("struct") || base.startsWith("map")
        || base.startsWith("list") || base.startsWith("union")) {
      return OTHER;
    }
    if (STRINGS.contains(base)) {
      return STRING;
    }
    if (INTEGERS.contains(base)) {
      return INTEGER;
    }
    if (DECIMALS.contains(base)) {
      return DECIMAL;
    }
    if (BOOLEANS.contains(base)) {
      return BOOLEAN;
    }
    if (base.equals("date")) {
      return DATE;
    }
    if (TIMESTAMPS.contains(base)) {
      return TIMESTAMP;
    }
    if (TIMESTAMPS_TZ.contains(base)) {
      return TIMESTAMP_TZ;
    }
    if (BINARIES.contains(base)) {
      return BINARY;
    }
    return OTHER;
  }

  /**
   * The lower-case name without parameters, with white space collapsed:
   * {@code "DECIMAL(10, 2)"} → {@code "decimal"}, {@code "timestamp(3) with time zone"} →
   * {@code "timestamp with time zone"}.
   */
  public static String baseName(String typeName) {
    String lower = typeName.toLowerCase(Locale.ROOT).strip();
    String withoutParameters = lower.replaceAll("\\([^)]*\\)", "");
    return withoutParameters.replaceAll("\\s+", " ").strip();
  }

  /** True for a decimal type name with an explicit scale of zero, such as {@code NUMBER(38,0)}. */
  public static boolean wholeDecimal(String typeName) {
    return of(typeName) == DECIMAL && typeName.replaceAll("\\s+", "").matches("(?i).*\\(\\d+,0\\).*");
  }

  /** The coarse type an expression check sees. */
  public ValueType valueType() {
    return switch (this) {
      case STRING -> ValueType.STRING;
      case INTEGER, DECIMAL -> ValueType.NUMBER;
      case BOOLEAN -> ValueType.BOOLEAN;
      case DATE -> ValueType.DATE;
      case TIMESTAMP, TIMESTAMP_TZ -> ValueType.TIMESTAMP;
      case BINARY, OTHER -> ValueType.UNKNOWN;
    };
  }
}
