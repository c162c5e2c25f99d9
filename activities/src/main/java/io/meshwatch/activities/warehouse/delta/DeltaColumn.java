package io.meshwatch.activities.warehouse.delta;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.warehouse.TableColumn;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A top-level column of a Delta table's schema: its name, its type as the Delta protocol names it
 * ({@code long}, {@code decimal(12,2)}, {@code timestamp}, {@code array<string>}), which the
 * schema check reads through {@link io.meshwatch.activities.sql.TypeFamily}, and the DuckDB type its
 * values are read as in value scans (null for a type DuckDB has no counterpart for, such as
 * {@code variant}).
 *
 * <p>Delta's {@code timestamp} is an instant (stored adjusted to UTC) and reads as DuckDB's
 * {@code TIMESTAMPTZ}; {@code timestamp_ntz} is a wall time and reads as {@code TIMESTAMP}.
 */
record DeltaColumn(String name, String typeName, String duckDbType) {

  DeltaColumn {
    Objects.requireNonNull(name);
    Objects.requireNonNull(typeName);
  }

  static DeltaColumn of(StructField field) {
    return new DeltaColumn(field.getName(), typeName(field.getDataType()), duckDbType(field.getDataType()));
  }

  TableColumn tableColumn() {
    return new TableColumn(name, typeName);
  }

  static String typeName(DataType type) {
    // Kernel's types are an open class hierarchy, so the unknown rest falls to its own spelling.
    return switch (type) {
      case StringType t -> "string";
      case LongType t -> "long";
      case IntegerType t -> "integer";
      case ShortType t -> "short";
      case ByteType t -> "byte";
      case FloatType t -> "float";
      case DoubleType t -> "double";
      case DecimalType t -> "decimal(" + t.getPrecision() + "," + t.getScale() + ")";
      case BooleanType t -> "boolean";
      case BinaryType t -> "binary";
      case DateType t -> "date";
      case TimestampType t -> "timestamp";
      case TimestampNTZType t -> "timestamp_ntz";
      case ArrayType t -> "array<" + typeName(t.getElementType()) + ">";
      case MapType t -> "map<" + typeName(t.getKeyType()) + "," + typeName(t.getValueType()) + ">";
      case StructType t -> t.fields().stream()
          .map(f -> f.getName() + ":" + typeName(f.getDataType()))
          .collect(Collectors.joining(",", "struct<", ">"));
      default -> type.toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The DuckDB type of a Delta type, or null when DuckDB has none. */
  static String duckDbType(DataType type) {
    return switch (type) {
      case StringType t -> "VARCHAR";
      case LongType t -> "BIGINT";
      case IntegerType t -> "INTEGER";
      case ShortType t -> "SMALLINT";
      case ByteType t -> "TINYINT";
      case FloatType t -> "FLOAT";
      case DoubleType t -> "DOUBLE";
      case DecimalType t -> "DECIMAL(" + t.getPrecision() + "," + t.getScale() + ")";
      case BooleanType t -> "BOOLEAN";
      case BinaryType t -> "BLOB";
      case DateType t -> "DATE";
      case TimestampType t -> "TIMESTAMPTZ";
      case TimestampNTZType t -> "TIMESTAMP";
      case ArrayType t -> {
        String element = duckDbType(t.getElementType());
        yield element == null ? null : element + "[]";
      }
      case MapType t -> {
        String key = duckDbType(t.getKeyType());
        String value = duckDbType(t.getValueType());
        yield key == null || value == null ? null : "MAP(" + key + ", " + value + ")";
      }
      case StructType t -> {
        StringBuilder struct = new StringBuilder("STRUCT(");
        for (int i = 0; i < t.length(); i++) {
          StructField field = t.at(i);
          String fieldType = duckDbType(field.getDataType());
          if (fieldType == null) {
            yield null;
          }
          struct.append(i == 0 ? "" : ", ").append(Dialect.DUCKDB.quoteIdentifier(field.getName())).append(' ')
              .append(fieldType);
        }
        yield struct.append(')').toString();
      }
      default -> null;
    };
  }
}
