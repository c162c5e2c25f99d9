package io.meshwatch.activities.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.workflows.model.OutputFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SnowflakeDriverPropertiesTest {

  private static ConnectionSettings settings(String password, Duration timeout, Map<String, String> properties) {
    return new ConnectionSettings("sf", OutputFormat.SNOWFLAKE, "jdbc:snowflake://acme.snowflakecomputing.com/",
        "meshwatch", password, timeout, true, properties);
  }

  @Test
  void passesTheConnectionsPropertiesAndAlwaysAsksForJsonResults() {
    Properties properties = SnowflakeDriverProperties.of(settings("s3cret", Duration.ofMinutes(5), Map.of(
        "warehouse", "MESHWATCH_WH", "role", "MESHWATCH_READER", "JDBC_QUERY_RESULT_FORMAT", "ARROW",
        "metadata_max_age", "PT30S")));

    assertThat(properties).containsEntry("user", "meshwatch").containsEntry("password", "s3cret")
        .containsEntry("warehouse", "MESHWATCH_WH").containsEntry("role", "MESHWATCH_READER")
        .containsEntry("JDBC_QUERY_RESULT_FORMAT", "JSON").containsEntry("loginTimeout", "30")
        .containsEntry("disablePlatformDetection", "true").doesNotContainKey("metadata_max_age");
  }

  @Test
  void withAPrivateKeyFileTheSecretIsTheKeysPassphrase() {
    Properties properties = SnowflakeDriverProperties.of(settings("passphrase", Duration.ofSeconds(5),
        Map.of("private_key_file", "/etc/meshwatch/snowflake.p8")));

    assertThat(properties).containsEntry("private_key_file", "/etc/meshwatch/snowflake.p8")
        .containsEntry("private_key_file_pwd", "passphrase").doesNotContainKey("password")
        .containsEntry("loginTimeout", "5");
  }

}
