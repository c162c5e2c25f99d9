package io.meshwatch.worker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.workflows.model.AlertsSpec;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.EscalationSpec;
import io.meshwatch.workflows.model.MaintenanceWindow;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.Severity;
import io.meshwatch.workflows.model.SlaSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

  private static final String HEADER = """
      apiVersion: dataproduct/v1
      kind: DataProduct
      metadata:
        name: orders-daily
        domain: orders
        owner: orders-platform-team
        steward: jane.smith@company.com
      spec:
      """;

  private static final String DELTA_OUTPUT = """
        output:
          format: delta
          location: s3://data-platform/products/orders/orders_daily/
      """;

  private final SpecLoader loader = new SpecLoader(new ExpressionParser());

  private SpecResult load(String specBody) {
    return loader.load("test.yaml", HEADER + specBody);
  }

  private ProductSpec valid(String specBody) {
    SpecResult result = load(specBody);
    assertThat(result).as(String.join("\n", result.report())).isInstanceOf(SpecResult.Valid.class);
    return ((SpecResult.Valid) result).spec();
  }

  private List<String> errors(String specBody) {
    SpecResult result = load(specBody);
    assertThat(result).isInstanceOf(SpecResult.Invalid.class);
    return result.problems().stream().map(SpecProblem::render).toList();
  }

  @Nested
  class Defaults {

    @Test
    void columnsAreNullableAndNotPiiUnlessSaid() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            schema:
              - name: order_id
                type: string
          """);

      assertThat(spec.schema()).containsExactly(new ColumnSpec("order_id", "string", true, false, null));
    }

    @Test
    void absentOptionalSectionsHoldTheirDefaults() {
      ProductSpec spec = valid(DELTA_OUTPUT);

      assertThat(spec.description()).isNull();
      assertThat(spec.schema()).isEmpty();
      assertThat(spec.quality().freshnessSlaHours()).isNull();
      assertThat(spec.quality().customChecks()).isEmpty();
      assertThat(spec.consumers()).isEmpty();
      assertThat(spec.sla()).isEqualTo(SlaSpec.defaults());
      assertThat(spec.sla().availabilityTarget()).isEqualTo(0.999);
      assertThat(spec.escalation()).isEqualTo(EscalationSpec.defaults());
      assertThat(spec.alerts()).isEqualTo(AlertsSpec.defaults());
    }

    @Test
    void anEmptyValueCountsAsAbsent() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            description:
            quality: ~
          """);

      assertThat(spec.description()).isNull();
      assertThat(spec.quality().customChecks()).isEmpty();
    }

    @Test
    void aCheckWithoutSeverityOrToleranceFailsOnAnyViolatingRow() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            quality:
              custom_checks:
                - name: positive
                  expr: amount > 0
          """);

      assertThat(spec.quality().customChecks()).containsExactly(new CustomCheckSpec("positive", "amount > 0", Severity.FAIL, 0));
    }
  }

  @Nested
  class Outputs {

    @Test
    void snowflakeTakesDatabaseSchemaAndTable() {
      ProductSpec spec = valid("""
            output:
              format: snowflake
              connection: snowflake-prod
              database: ANALYTICS
              schema: ORDERS
              table: ORDERS_DAILY
          """);

      assertThat(spec.output()).isEqualTo(new OutputSpec(
          OutputFormat.SNOWFLAKE, null, null, "ANALYTICS", "ORDERS", "ORDERS_DAILY", null, null, "snowflake-prod"));
    }

    @Test
    void bigQueryTakesProjectDatasetAndTable() {
      ProductSpec spec = valid("""
            output:
              format: bigquery
              project: analytics-prod-42
              dataset: orders
              table: orders_daily
          """);

      assertThat(spec.output()).isEqualTo(new OutputSpec(
          OutputFormat.BIGQUERY, null, null, null, null, "orders_daily", "analytics-prod-42", "orders", null));
    }

    @Test
    void duckDbAndPostgresTakeATableWithOptionalSchemaAndDatabase() {
      ProductSpec duck = valid("""
            output:
              format: duckdb
              table: orders_daily
          """);
      ProductSpec postgres = valid("""
            output:
              format: postgres
              database: warehouse
              schema: public
              table: orders_daily
          """);

      assertThat(duck.output().format()).isEqualTo(OutputFormat.DUCKDB);
      assertThat(duck.output().table()).isEqualTo("orders_daily");
      assertThat(duck.output().connectionOrDefault()).isEqualTo("default");
      assertThat(postgres.output()).isEqualTo(new OutputSpec(
          OutputFormat.POSTGRES, null, null, "warehouse", "public", "orders_daily", null, null, null));
    }

    @Test
    void deltaLocationsMayBeObjectStoreUrisOrLocalPaths() {
      for (String location : List.of(
          "s3://bucket/orders/", "s3a://bucket/orders", "gs://bucket/orders", "file:///data/orders",
          "abfss://container@account.dfs.core.windows.net/orders", "/data/orders", "data/orders", "./orders")) {
        ProductSpec spec = valid("""
              output:
                format: delta
                location: "%s"
            """.formatted(location));

        assertThat(spec.output().location()).isEqualTo(location);
      }
    }

    @Test
    void aFileLocationMustBeAbsolute() {
      assertThat(errors("""
            output:
              format: delta
              location: file://orders
          """)).containsExactly(
          "spec.output.location: a file:// location needs an absolute path, such as file:///data/orders");
    }

    @Test
    void aLocationNeverClimbsOutOfItsDirectoryNorPointsIntoTheSystem() {
      // A relative location resolves against the worker's directory: '..' would let a spec walk anywhere.
      for (String location : List.of("../../etc", "data/../../secrets", "s3://bucket/a/../../b", "%2e%2e/%2E%2e/x", "..",
          "file:///data/%2e%2e/etc", "C:\\data\\..\\x")) {
        assertThat(errors("""
              output:
                format: delta
                location: '%s'
            """.formatted(location))).as(location).singleElement().asString().contains("'..' segments");
      }
      for (String location : List.of("/etc/passwd", "file:///etc/passwd", "file:///%65tc/shadow", "/proc/self/environ", "//root")) {
        assertThat(errors("""
              output:
                format: delta
                location: '%s'
            """.formatted(location))).as(location).singleElement().asString().contains("system directory");
      }
      // Names that merely start like one stay valid.
      assertThat(valid("""
            output:
              format: delta
              location: /etcetera/orders..v2/x
          """).output().location()).isEqualTo("/etcetera/orders..v2/x");
    }

    @Test
    void identifiersMayUseDollarAndUnderscoreAndBeUpTo128Long() {
      String longest = "T".repeat(128);
      ProductSpec spec = valid("""
            output:
              format: snowflake
              schema: _staging$1
              table: %s
          """.formatted(longest));

      assertThat(spec.output().table()).isEqualTo(longest);
      assertThat(errors("""
            output:
              format: snowflake
              table: %s
          """.formatted(longest + "T"))).singleElement().asString().startsWith("spec.output.table: must be an identifier");
    }
  }

  @Nested
  class Schema {

    @Test
    void typesAreNormalisedToLowerCaseWithoutInnerSpaces() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            schema:
              - name: amount
                type: DECIMAL(18, 2)
              - name: tags
                type: ARRAY<VARCHAR(20)>
              - name: loaded_at
                type: Timestamp_TZ
          """);

      assertThat(spec.schema()).extracting(ColumnSpec::type)
          .containsExactly("decimal(18,2)", "array<varchar(20)>", "timestamp_tz");
    }
  }

  @Nested
  class CustomChecks {

    @Test
    void anUnnamedCheckIsNamedAfterItsExpression() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            quality:
              custom_checks:
                - "order_count > 0"
                - "count(*) >= 1"
          """);

      assertThat(spec.quality().customChecks()).extracting(CustomCheckSpec::name)
          .containsExactly("order_count_gt_0", "count_all_ge_1");
    }

    @Test
    void derivedNamesThatCollideGetNumberedInListOrder() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            quality:
              custom_checks:
                - "a + b > 0"
                - "(a + b) > 0"
                - name: a_plus_b_gt_0_2
                  expr: "a > 0"
                - "(a+b)>0"
          """);

      assertThat(spec.quality().customChecks()).extracting(CustomCheckSpec::name)
          .containsExactly("a_plus_b_gt_0", "a_plus_b_gt_0_3", "a_plus_b_gt_0_2", "a_plus_b_gt_0_4");
    }

    @Test
    void aDerivedNameGivesWayToADeclaredOne() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            quality:
              custom_checks:
                - "order_count > 0"
                - name: order_count_gt_0
                  expr: "order_count > 10"
          """);

      assertThat(spec.quality().customChecks()).extracting(CustomCheckSpec::name)
          .containsExactly("order_count_gt_0_2", "order_count_gt_0");
    }

    @Test
    void severityAndToleranceAreRead() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            quality:
              custom_checks:
                - name: few_unknown
                  expr: "status <> 'unknown'"
                  severity: warn
                  tolerance: 10
          """);

      assertThat(spec.quality().customChecks())
          .containsExactly(new CustomCheckSpec("few_unknown", "status <> 'unknown'", Severity.WARN, 10));
    }

    @Test
    void columnsACheckReadsNeedNotBeDeclared() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            schema:
              - name: order_id
                type: string
            quality:
              custom_checks:
                - "undeclared_column >= 0"
          """);

      assertThat(spec.quality().customChecks()).hasSize(1);
    }

    @Test
    void everyProblemOfAnExpressionIsReportedAtTheCheck() {
      assertThat(errors(DELTA_OUTPUT + """
            quality:
              custom_checks:
                - "order_count > 0 -- comment"
                - name: sleepy
                  expr: "pg_sleep(1) > 0"
          """)).satisfiesExactly(
          first -> assertThat(first).startsWith("spec.quality.custom_checks[0]: ").contains("comment"),
          second -> assertThat(second).startsWith("spec.quality.custom_checks[1].expr: function pg_sleep is not allowed"));
    }

    @Test
    void aValidatorThatFailsIsAnErrorNotACrash() {
      SpecLoader failing = new SpecLoader(expression -> {
        throw new IllegalStateException("parser bug");
      });

      SpecResult result = failing.load("test.yaml", HEADER + DELTA_OUTPUT + """
            quality:
              custom_checks:
                - "a > 0"
          """);

      assertThat(result.problems()).extracting(SpecProblem::render)
          .containsExactly("spec.quality.custom_checks[0]: could not be checked (IllegalStateException)");
    }
  }

  @Nested
  class Extensions {

    @Test
    void slaFieldsAreRead() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            sla:
              schedule: "0 6 * * 1-5"
              timezone: Europe/Berlin
              available_by: "07:30"
              availability_target: 0.99
              maintenance:
                - schedule: "0 2 * * 0"
                  duration: 1h30m
                - start: 2026-12-24T00:00:00Z
                  end: 2026-12-26T23:59:00+01:00
          """);

      assertThat(spec.sla()).isEqualTo(new SlaSpec(
          "0 6 * * 1-5",
          "Europe/Berlin",
          "07:30",
          0.99,
          List.of(
              new MaintenanceWindow("0 2 * * 0", 90, null, null),
              new MaintenanceWindow(null, 0, Instant.parse("2026-12-24T00:00:00Z"), Instant.parse("2026-12-26T22:59:00Z")))));
    }

    @Test
    void escalationDurationsBecomeMinutes() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            escalation:
              steward_after: 45m
              platform_after: 1d2h
              reminder_every: 4h
          """);

      assertThat(spec.escalation()).isEqualTo(new EscalationSpec(45L, 26L * 60, 240L));
    }

    @Test
    void alertsAreRead() {
      ProductSpec byName = valid(DELTA_OUTPUT + """
            alerts:
              slack_channel: "#orders-alerts"
              notify_consumers: true
          """);
      ProductSpec byId = valid(DELTA_OUTPUT + """
            alerts:
              slack_channel: C0123456789
          """);

      assertThat(byName.alerts()).isEqualTo(new AlertsSpec("#orders-alerts", true));
      assertThat(byId.alerts()).isEqualTo(new AlertsSpec("C0123456789", false));
    }

    @Test
    void scanScopeIsRead() {
      ProductSpec spec = valid(DELTA_OUTPUT + """
            quality:
              freshness_column: loaded_at
              partition_column: order_date
              lookback: 3d
          """);

      assertThat(spec.quality().freshnessColumn()).isEqualTo("loaded_at");
      assertThat(spec.quality().partitionColumn()).isEqualTo("order_date");
      assertThat(spec.quality().lookback()).isEqualTo("3d");
    }

    @Test
    void fractionalSlaHoursAreKept() {
      assertThat(valid(DELTA_OUTPUT + """
            quality:
              freshness_sla_hours: 0.5
          """).quality().freshnessSlaHours()).isEqualTo(0.5);
    }
  }

  @Nested
  class Warnings {

    @Test
    void aSpecWithoutStewardIsValidWithAWarning() {
      String text = HEADER.replace("  steward: jane.smith@company.com\n", "") + DELTA_OUTPUT;

      SpecResult result = loader.load("test.yaml", text);

      assertThat(result).isInstanceOf(SpecResult.Valid.class);
      assertThat(((SpecResult.Valid) result).spec().steward()).isNull();
      assertThat(result.report()).containsExactly(
          "test.yaml:4: metadata.steward: no steward: escalations and PII-handling violations stop at the owner");
    }

    @Test
    void settingsWithoutEffectAreWarnedAbout() {
      SpecResult result = load(DELTA_OUTPUT + """
            schema:
              - name: order_id
                type: string
            quality:
              completeness_threshold: 0.99
              lookback: 3d
              custom_checks:
                - "a > 0"
                - "A  >  0"
          """);

      assertThat(result).isInstanceOf(SpecResult.Valid.class);
      assertThat(result.problems()).extracting(SpecProblem::render).containsExactly(
          "spec.quality.completeness_threshold: has no effect: completeness counts the columns declared nullable: false",
          "spec.quality.lookback: has no effect without partition_column: scans are scoped by the partition column",
          "spec.quality.custom_checks[1]: same expression as spec.quality.custom_checks[0]");
    }
  }

  @Nested
  class Reporting {

    @Test
    void problemsRenderAsPathAndMessageAndWithTheSourceLine() {
      SpecProblem problem = new SpecProblem("spec.quality.completeness_threshold", "must be in (0, 1], got 1.5", 19);

      assertThat(problem.render()).isEqualTo("spec.quality.completeness_threshold: must be in (0, 1], got 1.5");
      assertThat(problem.render("orders.yaml"))
          .isEqualTo("orders.yaml:19: spec.quality.completeness_threshold: must be in (0, 1], got 1.5");
      assertThat(new SpecProblem(SpecProblem.DOCUMENT, "the spec is empty", 0).render("orders.yaml"))
          .isEqualTo("orders.yaml: (document): the spec is empty");
    }

    @Test
    void errorsComeInDocumentOrder() {
      SpecResult result = loader.load("test.yaml", """
          kind: DataProduct
          apiVersion: dataproduct/v2
          metadata:
            name: orders-daily
            domain: Orders
            owner: orders-platform-team
          spec:
            output:
              format: delta
          """);

      assertThat(result.problems()).extracting(SpecProblem::line).isSorted();
      assertThat(result.problems()).extracting(SpecProblem::path)
          .containsExactly("apiVersion", "metadata.domain", "spec.output.location");
    }

    @Test
    void aByteOrderMarkIsIgnored() {
      assertThat(loader.load("bom.yaml", "\uFEFF" + HEADER + DELTA_OUTPUT)).isInstanceOf(SpecResult.Valid.class);
    }
  }

  @Nested
  class FilesAndDirectories {

    @Test
    void everyFileOfADirectoryIsLoadedAndReportedUnderItsName(@TempDir Path directory) throws Exception {
      Files.writeString(directory.resolve("a.yaml"), HEADER + DELTA_OUTPUT);
      Files.writeString(directory.resolve("b.yml"), HEADER.replace("orders-daily", "Orders") + DELTA_OUTPUT);
      Files.createDirectories(directory.resolve("payments"));
      Files.writeString(directory.resolve("payments/c.yaml"), HEADER.replace("orders-daily", "payments-daily") + DELTA_OUTPUT);
      Files.createDirectories(directory.resolve(".git"));
      Files.writeString(directory.resolve(".git/ignored.yaml"), "not: a spec");
      Files.writeString(directory.resolve("README.md"), "# specs");

      List<SpecResult> results = loader.loadDirectory(directory);

      assertThat(results).extracting(SpecResult::source).containsExactly(
          directory.resolve("a.yaml").toString(),
          directory.resolve("b.yml").toString(),
          directory.resolve("payments/c.yaml").toString());
      assertThat(results).extracting(r -> r instanceof SpecResult.Valid)
          .containsExactly(true, false, true);
      assertThat(results.get(1).report()).containsExactly(
          directory.resolve("b.yml") + ":4: metadata.name: must be a lower-case DNS label "
              + "(1-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit), got 'Orders'");
    }

    @Test
    void aProductDeclaredTwiceIsRefusedInTheLaterFile(@TempDir Path directory) throws Exception {
      Files.writeString(directory.resolve("a.yaml"), HEADER + DELTA_OUTPUT);
      Files.writeString(directory.resolve("b.yaml"), HEADER + DELTA_OUTPUT);

      List<SpecResult> results = loader.loadDirectory(directory);

      assertThat(results.get(0)).isInstanceOf(SpecResult.Valid.class);
      assertThat(results.get(1).report()).containsExactly(
          directory.resolve("b.yaml") + ": metadata.name: product orders/orders-daily is also declared in "
              + directory.resolve("a.yaml"));
    }

    @Test
    void aMissingFileOrDirectoryIsReportedNotThrown(@TempDir Path directory) {
      Path missing = directory.resolve("missing.yaml");

      assertThat(loader.loadFile(missing).report()).containsExactly(missing + ": (document): not a file");
      assertThat(loader.loadDirectory(directory.resolve("nowhere")))
          .singleElement()
          .satisfies(result -> assertThat(result.problems().get(0).message()).startsWith("cannot list the directory"));
    }
  }
}
