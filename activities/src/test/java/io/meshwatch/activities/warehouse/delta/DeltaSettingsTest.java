package io.meshwatch.activities.warehouse.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.workflows.model.OutputFormat;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class DeltaSettingsTest {

  private static ConnectionSettings lake(String user, String password, Map<String, String> properties) {
    return new ConnectionSettings("lake", OutputFormat.DELTA, null, user, password, null, true, properties);
  }

  @Test
  void propertiesGoToHadoopOrDuckDbByTheirPrefix() {
    DeltaSettings settings = DeltaSettings.of(lake(null, null, Map.of(
        "fs.s3a.endpoint", "http://minio.internal:9000", "fs.s3a.path.style.access", "true",
        "duckdb.threads", "4", "duckdb.s3_region", "eu-central-1")));

    assertThat(settings.hadoop()).containsEntry("fs.s3a.endpoint", "http://minio.internal:9000")
        .containsEntry("fs.s3a.path.style.access", "true")
        .containsEntry("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
        .doesNotContainKey("duckdb.threads");
    assertThat(settings.duckdb()).containsExactlyInAnyOrderEntriesOf(Map.of("threads", "4", "s3_region", "eu-central-1"));
    Configuration hadoop = settings.hadoopConfiguration();
    assertThat(hadoop.get("fs.s3a.endpoint")).isEqualTo("http://minio.internal:9000");
    assertThat(hadoop.get("fs.file.impl.disable.cache", "unset")).isEqualTo("unset");
  }

  @Test
  void theUserAndPasswordBecomeTheS3aKeysUnlessOtherKeysAreNamed() {
    assertThat(DeltaSettings.of(lake("AKIAEXAMPLE", "s3cret", Map.of())).hadoop())
        .containsEntry("fs.s3a.access.key", "AKIAEXAMPLE")
        .containsEntry("fs.s3a.secret.key", "s3cret");

    DeltaSettings azure = DeltaSettings.of(lake(null, "account-key", Map.of(
        "meshwatch.password_keys", "fs.azure.account.key.lake.dfs.core.windows.net, duckdb.azure_account_key")));
    assertThat(azure.hadoop()).containsEntry("fs.azure.account.key.lake.dfs.core.windows.net", "account-key")
        .doesNotContainKeys("fs.s3a.secret.key", "meshwatch.password_keys");
    assertThat(azure.duckdb()).containsEntry("azure_account_key", "account-key");
  }

  @Test
  void secretsNeverShowInTheSettingsText() {
    DeltaSettings settings = DeltaSettings.of(lake("AKIAEXAMPLE", "s3cret", Map.of("duckdb.threads", "2")));

    assertThat(settings.toString()).contains("fs.s3a.secret.key").doesNotContain("s3cret").doesNotContain("AKIAEXAMPLE");
  }

  @Test
  void aDuckDbKeyMustNameASetting() {
    assertThatThrownBy(() -> DeltaSettings.of(lake(null, null, Map.of("duckdb.threads; DROP", "1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("warehouse connection 'lake': property 'duckdb.threads; DROP' does not name a DuckDB setting"
            + " (lower-case letters, digits and '_')");
  }
}
