package io.meshwatch.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("worker.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void defaultsRunEverythingEmbedded() throws Exception {
    WorkerConfig config = new ConfigLoader(Map.of()).defaults();
    assertThat(config.temporal().embedded()).isTrue();
    assertThat(config.store().embedded()).isTrue();
    assertThat(config.monitor().pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.alerts().console()).isTrue();
  }

  @Test
  void fileValuesAndNamedSectionsAreRead() throws Exception {
    WorkerConfig config = new ConfigLoader(Map.of()).load(file("""
        temporal:
          target: temporal.internal:7233
          namespace: data-platform
        store:
          url: jdbc:postgresql://pg:5432/meshwatch
          password_env: PG_PASSWORD
        warehouses:
          analytics:
            format: postgres
            url: jdbc:postgresql://wh:5432/analytics
            user: reader
            password_env: WH_PASSWORD
            statement_timeout: 90s
        teams:
          orders-platform-team:
            slack_channel: "#orders-alerts"
            members: [lead@company.com]
        monitor:
          poll_interval: 2m
        """));
    assertThat(config.temporal().target()).isEqualTo("temporal.internal:7233");
    assertThat(config.temporal().taskQueue()).isEqualTo("meshwatch");
    assertThat(config.warehouses().get("analytics").statementTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.teams().get("orders-platform-team").slackChannel()).isEqualTo("#orders-alerts");
    assertThat(config.monitor().pollInterval()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void environmentOverridesFileAndDefaults() throws Exception {
    ConfigLoader loader = new ConfigLoader(Map.of("MESHWATCH_HTTP_PORT", "9090", "MESHWATCH_TEMPORAL_TARGET", "t:7233"));
    WorkerConfig config = loader.load(file("http:\n  port: 8081\n"));
    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.temporal().target()).isEqualTo("t:7233");
    assertThat(ConfigLoader.envName("temporal.task_queue")).isEqualTo("MESHWATCH_TEMPORAL_TASK_QUEUE");
  }

  @Test
  void secretsComeFromTheNamedVariableOrFile() throws Exception {
    Path secret = dir.resolve("pw");
    Files.writeString(secret, "from-file\n");
    ConfigLoader loader = new ConfigLoader(Map.of("PG_PASSWORD", "from-env"));
    assertThat(loader.secret("PG_PASSWORD", secret.toString())).isEqualTo("from-env");
    assertThat(loader.secret("UNSET", secret.toString())).isEqualTo("from-file");
    assertThat(loader.secret("UNSET", null)).isNull();
  }

  @Test
  void workerTuningIsReadFromFileAndEnvironmentAndChecked() throws Exception {
    WorkerConfig config = new ConfigLoader(Map.of("MESHWATCH_TEMPORAL_WORKER_VIRTUAL_THREADS", "false")).load(file("""
        temporal:
          worker:
            workflow_cache_size: 2000
            max_task_queue_activities_per_second: 12.5
        """));
    assertThat(config.temporal().worker()).isEqualTo(new WorkerConfig.WorkerTuning(2000, false,
        WorkerConfig.WorkerTuning.defaults().maxConcurrentWorkflowTasks(), WorkerConfig.WorkerTuning.defaults().maxConcurrentActivities(),
        12.5));
    assertThat(new ConfigLoader(Map.of()).defaults().temporal().worker()).isEqualTo(WorkerConfig.WorkerTuning.defaults());

    Path bad = file("""
        temporal:
          worker:
            workflow_cache_size: 0
            max_concurrent_workflow_tasks: -1
            max_concurrent_activities: 0
            max_task_queue_activities_per_second: -3
        """);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(bad))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
            .containsExactlyInAnyOrder(
                "temporal.worker.workflow_cache_size: must be at least 1, got 0",
                "temporal.worker.max_concurrent_workflow_tasks: must be at least 1, got -1",
                "temporal.worker.max_concurrent_activities: must be at least 1, got 0",
                "temporal.worker.max_task_queue_activities_per_second: must be 0 (no limit) or a positive number of activities"
                    + " per second, got -3.0"));
  }

  @Test
  void everyProblemIsReportedWithItsPath() throws Exception {
    Path bad = file("""
        temporal:
          targt: x
        store:
          url: mysql://nope
        warehouses:
          wh:
            format: oracle
            url: jdbc:postgresql://wh/db?password=hunter2
        """);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(bad))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
            .containsExactlyInAnyOrder(
                "temporal.targt: unknown key; did you mean 'target'?",
                "store.url: must be 'embedded' or a jdbc:postgresql: URL",
                "warehouses.wh.format: must be one of [bigquery, delta, duckdb, postgres, snowflake], got 'oracle'",
                "warehouses.wh.url: must not contain a password; use password_env or password_file"));
    Path values = file("""
        store:
          url: mysql://nope
        http:
          port: 70000
        warehouses:
          wh:
            format: oracle
            url: jdbc:postgresql://wh/db?password=hunter2
        """);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(values))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::path)
            .containsExactlyInAnyOrder("store.url", "http.port", "warehouses.wh.format", "warehouses.wh.url"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void snowflakeConnectionsNeedASnowflakeUrlAUserAndNoSecretInTheirProperties() throws Exception {
    Path bad = file("""
        warehouses:
          sf:
            format: snowflake
            url: jdbc:postgresql://wh/db
            properties:
              private_key_file_pwd: hunter2
              metadata_max_age: soon
        """);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(bad))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::path)
            .containsExactlyInAnyOrder("warehouses.sf.url", "warehouses.sf.user",
                "warehouses.sf.properties.private_key_file_pwd", "warehouses.sf.properties.metadata_max_age"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));

    WorkerConfig good = new ConfigLoader(Map.of()).load(file("""
        warehouses:
          sf:
            format: snowflake
            url: jdbc:snowflake://acme.snowflakecomputing.com/
            user: MESHWATCH
            password_env: SNOWFLAKE_PASSWORD
            properties: {warehouse: MESHWATCH_WH, role: MESHWATCH_READER, database: ANALYTICS, metadata_max_age: 30s}
        """));
    assertThat(good.warehouses().get("sf").properties()).containsEntry("metadata_max_age", "30s");
  }

  @Test
  void deltaAllowedRootsAreReadAndEachBadRootNamedByItsIndex() throws Exception {
    WorkerConfig good = new ConfigLoader(Map.of()).load(file("""
        warehouses:
          lake:
            format: delta
            allowed_roots: [/data/lake, "s3://analytics-bucket/curated"]
        """));
    assertThat(good.warehouses().get("lake").allowedRoots()).containsExactly("/data/lake", "s3://analytics-bucket/curated");

    Path bad = file("""
        warehouses:
          lake:
            format: delta
            allowed_roots: [relative/tables, "/data/../etc", "s3:///no-bucket", "ftp://host/x", ""]
          pg:
            format: postgres
            url: jdbc:postgresql://wh/db
            allowed_roots: [/data]
        """);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(bad))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
            .containsExactlyInAnyOrder(
                "warehouses.lake.allowed_roots[0]: must be an absolute path or a file://, s3://, s3a://, gs:// or abfss:// URI,"
                    + " got 'relative/tables'",
                "warehouses.lake.allowed_roots[1]: must not contain '..' segments, got '/data/../etc'",
                "warehouses.lake.allowed_roots[2]: must name a bucket or container, such as s3://bucket/prefix, got 's3:///no-bucket'",
                "warehouses.lake.allowed_roots[3]: must be an absolute path or a file://, s3://, s3a://, gs:// or abfss:// URI,"
                    + " got 'ftp://host/x'",
                "warehouses.lake.allowed_roots[4]: must not be empty",
                "warehouses.pg.allowed_roots: only for delta connections (their tables are named by location)"));
  }

  @Test
  void bigQueryConnectionsAreCheckedOffline() throws Exception {
    Path good = file("""
        warehouses:
          gcp:
            format: bigquery
            password_file: /etc/meshwatch/bigquery-key.json
            statement_timeout: 2m
            properties: {project: analytics-prod, location: EU, maximum_bytes_billed: 20GiB}
        """);
    WorkerConfig config = new ConfigLoader(Map.of()).load(good);
    assertThat(config.warehouses().get("gcp").properties()).containsEntry("maximum_bytes_billed", "20GiB");

    Path bad = file("""
        warehouses:
          gcp:
            format: bigquery
            url: bigquery.example
            properties: {maximum_bytes_billed: lots, credentials: service_account}
        """);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(bad))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
            .containsExactlyInAnyOrder(
                "warehouses.gcp.properties.project: required (the project that runs and pays for the query jobs)",
                "warehouses.gcp.properties.maximum_bytes_billed: 'lots' is not an amount of bytes such as 10737418240,"
                    + " 500MB or 10GiB",
                "warehouses.gcp.properties.credentials: service_account needs the key JSON in password_file or"
                    + " password_env",
                "warehouses.gcp.url: a BigQuery endpoint is an http or https URL such as https://bigquery.googleapis.com"));
  }

  @Test
  void wrongTypesNameTheirPath() throws Exception {
    Path bad = file("monitor:\n  poll_interval: soon\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(bad))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::path)
            .containsExactly("monitor.poll_interval"));
  }
}
