package io.meshwatch.activities.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.bigquery.BigQuerySettings.CredentialSource;
import io.meshwatch.workflows.model.OutputFormat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BigQuerySettingsTest {

  static ConnectionSettings connection(String url, String secret, Map<String, String> properties) {
    return new ConnectionSettings("gcp", OutputFormat.BIGQUERY, url, null, secret, Duration.ofMinutes(2), true, properties);
  }

  @Test
  void defaultsToATenGibCapApplicationDefaultCredentialsAndGooglesEndpoint() {
    BigQuerySettings settings = BigQuerySettings.from(connection(null, null, Map.of("project", "billing-project")));

    assertThat(settings.maximumBytesBilled()).isEqualTo(10_737_418_240L);
    assertThat(settings.credentials()).isEqualTo(CredentialSource.APPLICATION_DEFAULT);
    assertThat(settings.endpoint()).isNull();
    assertThat(settings.location()).isNull();
    assertThat(settings.jobTimeoutMillis()).isEqualTo(120_000);
  }

  @Test
  void readsEveryKey() {
    BigQuerySettings settings = BigQuerySettings.from(connection("http://127.0.0.1:9050", null, Map.of(
        "project", "example.com:billing-project", "location", "europe-west1", "maximum_bytes_billed", "500MB",
        "credentials", "none")));

    assertThat(settings).isEqualTo(new BigQuerySettings("gcp", "example.com:billing-project", "europe-west1",
        500_000_000L, "http://127.0.0.1:9050", Duration.ofMinutes(2), CredentialSource.NONE));
  }

  @Test
  void aSecretMeansAServiceAccountKey() {
    assertThat(BigQuerySettings.from(connection(null, "{}", Map.of("project", "billing-project"))).credentials())
        .isEqualTo(CredentialSource.SERVICE_ACCOUNT);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThat(BigQuerySettings.problems("bigquery.googleapis.com", Map.of(
        "project", "Not A Project", "location", "the moon", "maximum_bytes_billed", "1MB", "credentials", "magic",
        "dataset", "sales"), false))
        .containsExactly(
            "properties.dataset: not a BigQuery setting; known keys are [credentials, location, maximum_bytes_billed,"
                + " project]",
            "properties.project: 'Not A Project' is not a Google Cloud project id",
            "properties.location: 'the moon' is not a BigQuery location such as US, EU or europe-west1",
            "properties.maximum_bytes_billed: must be at least 10MiB (BigQuery bills at least 10 MiB per table a query"
                + " reads), got 1MB",
            "properties.credentials: must be application_default, service_account or none, got 'magic'",
            "url: a BigQuery endpoint is an http or https URL such as https://bigquery.googleapis.com");
    assertThat(BigQuerySettings.problems(null, Map.of("project", "p-12345", "credentials", "service_account"), false))
        .containsExactly("properties.credentials: service_account needs the key JSON in password_file or password_env");
    assertThat(BigQuerySettings.problems(null, Map.of("project", "p-12345", "credentials", "none"), true))
        .containsExactly("properties.credentials: 'none' takes no secret, but password_env or password_file is set");
    assertThat(BigQuerySettings.problems("https://user:pw@bq.example", Map.of("project", "p-12345"), false))
        .containsExactly("url: the endpoint must not carry user information or a query");
  }

  @Test
  void aMisconfiguredConnectionIsRefused() {
    assertThatThrownBy(() -> BigQuerySettings.from(connection(null, null, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("warehouse connection 'gcp': properties.project: required (the project that runs and pays for the"
            + " query jobs)");
  }
}
