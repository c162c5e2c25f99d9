package io.meshwatch.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshwatch.worker.api.HttpApi;
import io.meshwatch.worker.api.IncidentApiFixture;
import io.meshwatch.worker.api.ScoreApi;
import io.meshwatch.worker.embedded.FreePort;
import io.meshwatch.worker.report.Csv;
import io.meshwatch.worker.report.ReportCsv;
import io.meshwatch.worker.report.ScoreHistory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code meshwatch report} end to end: the command against a real worker API over {@link ScoreHistory}'s store. */
class ReportCommandCliTest {

  @RegisterExtension static final ScoreHistory HISTORY = new ScoreHistory();

  static final Clock GENERATED = Clock.fixed(Instant.parse("2026-10-01T08:00:00Z"), ZoneOffset.UTC);

  static IncidentApiFixture fixture;
  static HttpApi server;

  @TempDir Path out;

  @BeforeAll
  static void serve() {
    fixture = new IncidentApiFixture(HISTORY.database());
    server = fixture.serve(new ScoreApi(HISTORY.database().scores()));
  }

  @AfterAll
  static void stop() {
    server.close();
    fixture.close();
  }

  record Run(int exit, String out, String err) {}

  static Run report(String... args) {
    StringWriter stdout = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ReportCommand(Map.of(), GENERATED));
    cli.setOut(new PrintWriter(stdout, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), stdout.toString(), err.toString());
  }

  static String api() {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void aQuarterlyReportIsThreeFilesWhoseCsvHoldsTheFigures() throws Exception {
    Run run = report("--quarter", "2026-Q3", "--api", api(), "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    Path html = out.resolve("meshwatch-sla-2026-Q3.html");
    Path csv = out.resolve("meshwatch-sla-2026-Q3.csv");
    Path markdown = out.resolve("meshwatch-sla-2026-Q3.md");
    assertThat(run.out().lines().toList()).containsExactly(
        "2026-Q3, the mesh: availability 99.55 %, 3 of 4 products met their target, 3 breaches",
        "wrote " + html, "wrote " + csv, "wrote " + markdown);
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("meshwatch-sla-2026-Q3.html", "meshwatch-sla-2026-Q3.csv", "meshwatch-sla-2026-Q3.md");
    }
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("orders-daily", "98.91 %");

    List<List<String>> records = Csv.parse(Files.readString(csv));
    assertThat(records.get(0)).isEqualTo(ReportCsv.COLUMNS);
    List<Map<String, String>> rows = Csv.rows(Files.readString(csv));
    assertThat(rows).extracting(r -> r.get("level") + ":" + r.get("domain") + "/" + r.get("product")).containsExactly(
        "overall:/", "domain:billing/", "domain:orders/",
        "product:billing/invoices", "product:billing/payments", "product:orders/orders-daily", "product:orders/orders-hourly");
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.get("period")).isEqualTo("2026-Q3");
      assertThat(r.get("previous_period")).isEqualTo("2026-Q2");
    });

    Map<String, String> overall = rows.get(0);
    assertThat(number(overall, "availability_pct")).isCloseTo(100 * (1 - (86_400 + 39_744) / (322 * 86_400.0)), within(1e-4));
    assertThat(overall.get("products")).isEqualTo("4");
    assertThat(overall.get("products_meeting_target")).isEqualTo("3");
    assertThat(overall.get("coverage_pct")).isEqualTo("87.5");
    assertThat(overall.get("low_coverage")).isEqualTo("true");
    assertThat(overall.get("quality_score")).isEqualTo("87.5");
    assertThat(overall.get("breaches")).isEqualTo("3");
    assertThat(overall.get("mean_time_to_acknowledge_seconds")).isEqualTo("2700");
    assertThat(overall.get("mean_time_to_resolve_seconds")).isEqualTo("47250");
    assertThat(overall.get("previous_availability_pct")).isEqualTo("100");
    assertThat(overall.get("target_met")).isEmpty();

    Map<String, String> daily = rows.get(5);
    assertThat(number(daily, "availability_pct")).isCloseTo(100 * 91 / 92.0, within(1e-4));
    assertThat(daily.get("availability_target_pct")).isEqualTo("99");
    assertThat(daily.get("target_met")).isEqualTo("false");
    assertThat(daily.get("coverage_pct")).isEqualTo("100");
    assertThat(daily.get("low_coverage")).isEqualTo("false");
    assertThat(daily.get("quality_score")).isEqualTo("75");
    assertThat(daily.get("breaches")).isEqualTo("1");
    assertThat(daily.get("mean_time_to_acknowledge_seconds")).isEqualTo("900");
    assertThat(daily.get("mean_time_to_resolve_seconds")).isEqualTo("86400");
    assertThat(number(daily, "availability_change_pp")).isCloseTo(100 * (91 / 92.0 - 1), within(1e-4));
    assertThat(daily.get("previous_quality_score")).isEqualTo("100");
    assertThat(daily.get("quality_change")).isEqualTo("-25");
    assertThat(daily.get("products")).isEmpty();

    // Nothing evaluated and nothing acknowledged: empty fields, not zeros.
    Map<String, String> invoices = rows.get(3);
    assertThat(invoices.get("coverage_pct")).isEqualTo("50");
    assertThat(invoices.get("low_coverage")).isEqualTo("true");
    assertThat(invoices.get("availability_pct")).isEqualTo("100");
    assertThat(invoices.get("target_met")).isEqualTo("true");
    assertThat(invoices.get("quality_score")).isEmpty();
    assertThat(invoices.get("quality_change")).isEmpty();
    assertThat(invoices.get("mean_time_to_acknowledge_seconds")).isEmpty();

    Map<String, String> payments = rows.get(4);
    assertThat(payments.get("availability_pct")).isEqualTo("99.5");
    assertThat(payments.get("quality_change")).isEqualTo("37.5");
    assertThat(payments.get("mean_time_to_resolve_seconds")).isEqualTo("8100");
  }

  @Test
  void theMarkdownHoldsTheTablesRowByRow() throws Exception {
    Run run = report("--quarter", "2026-Q3", "--api", api(), "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    String markdown = Files.readString(out.resolve("meshwatch-sla-2026-Q3.md"));
    assertThat(markdown).startsWith("# Meshwatch SLA report: 2026-Q3\n")
        .contains("- Period: 2026-07-01 00:00 UTC to 2026-10-01 00:00 UTC (end exclusive)\n")
        .contains("- Generated: 2026-10-01 08:00 UTC\n");
    assertThat(markdown.lines().toList()).contains(
        "| availability | 99.55 % | 100.00 % | **−0.45 pp** |",
        "| products meeting their target | **3 of 4** |  |  |",
        "| mean time to acknowledge | 45m | 10m |  |",
        "| mean time to resolve | 13h 07m | 1h |  |",
        "| orders | orders-daily | **98.91 %** | 99.00 % | **missed** | **−1.09 pp** | 100.00 % | 75.0 | **−25.0** | 1 | 15m | 24h |",
        "| billing | invoices | 100.00 % | 99.50 % | met | ±0.00 pp | 50.00 % ⚠ | — | — | 0 | — | — |",
        "| billing | payments | 99.50 % | 99.00 % | met | **−0.50 pp** | 100.00 % | 87.5 | +37.5 | 2 | 1h | 2h 15m |",
        "| orders/orders-daily | **98.91 %** | 99.00 % | **−0.09 pp** |",
        "| billing/invoices | 50.00 % ⚠ | 100.00 % |");
  }

  @Test
  void aDomainsReportHasItsNameAndOnlyItsRows() throws Exception {
    Run run = report("--quarter", "2026-Q3", "--domain", "billing", "--api", api(), "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("2026-Q3, domain billing: availability 99.67 %, 2 of 2 products met their target, 2 breaches\n");
    List<Map<String, String>> rows = Csv.rows(Files.readString(out.resolve("meshwatch-sla-2026-Q3-billing.csv")));
    assertThat(rows).extracting(r -> r.get("level") + ":" + r.get("product"))
        .containsExactly("domain:", "product:invoices", "product:payments");
    assertThat(Files.readString(out.resolve("meshwatch-sla-2026-Q3-billing.md"))).startsWith("# Meshwatch SLA report: 2026-Q3, domain billing\n");
    assertThat(out.resolve("meshwatch-sla-2026-Q3-billing.html")).isRegularFile();
  }

  @Test
  void aCustomSpanFromDatesIsNamedByItsDates() throws Exception {
    Run run = report("--from", "2026-08-10", "--to", "2026-08-12", "--api", api(), "--out", out.toString());
    Run period = report("--period", "2026-08", "--api", api(), "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    List<Map<String, String>> rows = Csv.rows(Files.readString(out.resolve("meshwatch-sla-2026-08-10_2026-08-12.csv")));
    Map<String, String> daily = rows.stream().filter(r -> "orders-daily".equals(r.get("product"))).findFirst().orElseThrow();
    assertThat(daily.get("period")).isEqualTo("2026-08-10T00:00:00Z/2026-08-12T00:00:00Z");
    assertThat(daily.get("previous_period")).isEqualTo("2026-08-08T00:00:00Z/2026-08-10T00:00:00Z");
    assertThat(daily.get("availability_pct")).isEqualTo("50");
    assertThat(period.exit()).as(period.err()).isZero();
    assertThat(out.resolve("meshwatch-sla-2026-08.csv")).isRegularFile();
  }

  @Test
  void badUsageExitsTwoWithTheReasonAndWritesNothing() throws Exception {
    Run badQuarter = report("--quarter", "2026-Q5", "--api", api(), "--out", out.toString());
    Run notAQuarter = report("--quarter", "2026-03", "--api", api(), "--out", out.toString());
    Run both = report("--quarter", "2026-Q3", "--from", "2026-07-01", "--to", "2026-08-01", "--api", api(), "--out", out.toString());
    Run fromOnly = report("--from", "2026-07-01", "--api", api(), "--out", out.toString());
    Run none = report("--api", api(), "--out", out.toString());
    Run backwards = report("--from", "2026-08-01", "--to", "2026-07-01", "--api", api(), "--out", out.toString());
    Run badDate = report("--from", "July", "--to", "2026-08-01", "--api", api(), "--out", out.toString());
    Run badDomain = report("--quarter", "2026-Q3", "--domain", "a/b", "--api", api(), "--out", out.toString());

    assertThat(List.of(badQuarter, notAQuarter, both, fromOnly, none, backwards, badDate, badDomain))
        .allSatisfy(run -> assertThat(run.exit()).as(run.err()).isEqualTo(2));
    assertThat(badQuarter.err()).startsWith("meshwatch report: --quarter: not a period: '2026-Q5' (quarter must be 1 to 4, got 5)\n");
    assertThat(notAQuarter.err()).startsWith("meshwatch report: --quarter takes a quarter such as 2026-Q3, got '2026-03'");
    assertThat(both.err()).startsWith("meshwatch report: give one of --quarter, --period and --from/--to, not several\n");
    assertThat(fromOnly.err()).startsWith("meshwatch report: --from needs --to\n");
    assertThat(none.err()).startsWith("meshwatch report: which period?");
    assertThat(backwards.err()).startsWith("meshwatch report: --from must be before --to");
    assertThat(badDate.err()).startsWith("meshwatch report: --from: not a date or an instant: 'July'");
    assertThat(badDomain.err()).startsWith("meshwatch report: --domain must be a domain name");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anUnreachableWorkerOrARefusalExitsOneWithTheReason() throws Exception {
    Run unreachable = report("--quarter", "2026-Q3", "--api", "http://127.0.0.1:" + FreePort.pick(0), "--out", out.toString());
    Run unknownDomain = report("--quarter", "2026-Q3", "--domain", "marketing", "--api", api(), "--out", out.toString());

    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).startsWith("meshwatch report: cannot reach the worker at http://127.0.0.1:").contains("connection refused");
    assertThat(unknownDomain.exit()).isEqualTo(1);
    assertThat(unknownDomain.err()).isEqualTo("meshwatch report: domain not found: no product of domain 'marketing' was registered in"
        + " 2026-Q3 or 2026-Q2 (HTTP 404)\n");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void reportIsASubcommandOfMeshwatch() {
    assertThat(new CommandLine(new MeshwatchCommand()).getSubcommands()).containsKey("report");
  }

  private static double number(Map<String, String> row, String column) {
    return Double.parseDouble(row.get(column));
  }
}
