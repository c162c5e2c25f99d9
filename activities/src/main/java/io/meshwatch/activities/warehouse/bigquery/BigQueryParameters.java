package io.meshwatch.activities.warehouse.bigquery;

import com.google.cloud.bigquery.QueryParameterValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The planner's bound values as BigQuery query parameters, each in the type of the column it is
 * compared with ({@link io.meshwatch.activities.sql.Dialect#instantParameter}): a date for a DATE
 * column, a civil date-time for DATETIME, an instant for TIMESTAMP, text for STRING. A parameter of
 * the partitioning column's own type lets BigQuery prune partitions.
 */
final class BigQueryParameters {

  private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

  private BigQueryParameters() {}

  static QueryParameterValue of(Object value) {
    return switch (value) {
      case LocalDate date -> QueryParameterValue.date(date.toString());
      case LocalDateTime dateTime -> QueryParameterValue.dateTime(DATETIME.format(dateTime));
      case OffsetDateTime instant -> QueryParameterValue.timestamp(
          ChronoUnit.MICROS.between(Instant.EPOCH, instant.toInstant()));
      case String text -> QueryParameterValue.string(text);
      default -> throw new IllegalArgumentException("no BigQuery parameter type for " + value.getClass().getSimpleName());
    };
  }
}
