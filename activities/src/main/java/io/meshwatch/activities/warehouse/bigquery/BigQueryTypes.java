package io.meshwatch.activities.warehouse.bigquery;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.StandardSQLTypeName;
import io.meshwatch.activities.sql.TypeFamily;
import io.meshwatch.activities.warehouse.TableColumn;

/**
 * BigQuery's column types as meshwatch sees them. The REST API reports legacy names
 * ({@code INTEGER}, {@code FLOAT}, {@code BOOLEAN}, {@code RECORD}); columns are named by their
 * GoogleSQL types ({@code INT64}, {@code FLOAT64}, {@code BOOL}, {@code STRUCT}), with declared
 * parameters ({@code NUMERIC(12, 2)}, {@code STRING(64)}) and {@code ARRAY<...>} for repeated fields,
 * which is what an owner sees in the console. {@code TIMESTAMP} is an instant and so a timestamp
 * with zone; {@code DATETIME} is a civil date and time.
 */
final class BigQueryTypes {

  private BigQueryTypes() {}

  static TableColumn column(Field field) {
    StandardSQLTypeName type = field.getType().getStandardType();
    String name = type.name() + parameters(field, type);
    if (field.getMode() == Field.Mode.REPEATED) {
      return new TableColumn(field.getName(), "ARRAY<" + name + ">", TypeFamily.OTHER);
    }
    return new TableColumn(field.getName(), name, family(type));
  }

  static TypeFamily family(StandardSQLTypeName type) {
    return switch (type) {
      case STRING -> TypeFamily.STRING;
      case INT64 -> TypeFamily.INTEGER;
      case FLOAT64, NUMERIC, BIGNUMERIC -> TypeFamily.DECIMAL;
      case BOOL -> TypeFamily.BOOLEAN;
      case DATE -> TypeFamily.DATE;
      case DATETIME -> TypeFamily.TIMESTAMP;
      case TIMESTAMP -> TypeFamily.TIMESTAMP_TZ;
      case BYTES -> TypeFamily.BINARY;
      case TIME, GEOGRAPHY, JSON, STRUCT, ARRAY, INTERVAL, RANGE -> TypeFamily.OTHER;
    };
  }

  private static String parameters(Field field, StandardSQLTypeName type) {
    return switch (type) {
      case NUMERIC, BIGNUMERIC -> field.getPrecision() == null
          ? ""
          : "(" + field.getPrecision() + (field.getScale() == null ? "" : ", " + field.getScale()) + ")";
      case STRING, BYTES -> field.getMaxLength() == null ? "" : "(" + field.getMaxLength() + ")";
      case INT64, FLOAT64, BOOL, DATE, DATETIME, TIMESTAMP, TIME, GEOGRAPHY, JSON, STRUCT, ARRAY, INTERVAL, RANGE -> "";
    };
  }
}
