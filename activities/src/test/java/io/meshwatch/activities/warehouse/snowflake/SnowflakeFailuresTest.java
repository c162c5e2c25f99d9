package io.meshwatch.activities.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnowflakeFailuresTest {

  @ParameterizedTest
  @CsvSource({
      "390100, 08004, AUTHENTICATION",   // incorrect username or password
      "390144, 08004, AUTHENTICATION",   // JWT token is invalid
      "630, 57014, TIMEOUT",             // statement reached its statement or warehouse timeout
      "200015, 58030, UNREACHABLE",      // the driver's communication error
      "250001, 08001, UNREACHABLE",      // could not connect
      "606, 57P03, UNREACHABLE",         // no active warehouse
      "3001, 42501, AUTHENTICATION",     // insufficient privileges
      "2003, 42S02, TABLE_NOT_FOUND",    // object does not exist or not authorized
      "2043, 02000, TABLE_NOT_FOUND",    // object does not exist, or operation cannot be performed
      "904, 42000, COLUMN_NOT_FOUND",    // invalid identifier
      "100046, 22003, DATA_ERROR",       // number out of representable range
      "100038, 22018, DATA_ERROR",       // numeric value is not recognized
      "1003, 42000, QUERY_ERROR"})       // syntax error
  void classifiesByCodeAndSqlState(int code, String state, WarehouseFailure expected) {
    WarehouseException failure = SnowflakeFailures.classify("sf",
        new SQLException("server text that may quote 'a value'", state, code), Duration.ofSeconds(30));

    assertThat(failure.failure()).isEqualTo(expected);
    assertThat(failure.getMessage()).contains("Snowflake connection 'sf'").contains("error " + code)
        .doesNotContain("a value");
  }
}
