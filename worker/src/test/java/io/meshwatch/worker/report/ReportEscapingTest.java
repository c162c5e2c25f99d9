package io.meshwatch.worker.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names come from product specs, so every writer treats them as hostile text; and a product with
 * nothing measured shows dashes and empty fields, never 0, 0 % or NaN.
 */
class ReportEscapingTest {

  static final String SCRIPT = "<script>document.title='owned'</script>";
  static final String DOMAIN = "\"><img src=x onerror=alert(1)>|*a*";
  static final Figures NOTHING = new Figures(null, null, null, 0, null, null);

  @TempDir Path work;

  static SlaReport hostileReport() {
    ReportPeriod q3 = new ReportPeriod("2026-Q3", Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z"));
    ReportPeriod q2 = new ReportPeriod("2026-Q2", Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"));
    Figures measured = new Figures(0.98, 0.5, 60.0, 2, 600.0, 7200.0);
    return new SlaReport(q3, q2, Optional.empty(), Instant.parse("2026-10-01T08:00:00Z"),
        new ReportLine.Mesh(1, 2, 0, measured, null),
        List.of(new ReportLine.Domain(DOMAIN, 2, 0, measured, null)),
        List.of(new ReportLine.Product(DOMAIN, SCRIPT, 0.99, false, measured, null),
            new ReportLine.Product(DOMAIN, "quiet, \"new\"\nline", 0.999, null, NOTHING, null)));
  }

  @Test
  void theHtmlEscapesEveryNameAndChromiumShowsThemAsText() throws Exception {
    String html = ReportHtml.write(hostileReport());

    assertThat(html).doesNotContain(SCRIPT, "<img", "<script").contains("&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt;");
    assertThat(html).contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;|*a*");

    Path page = Files.writeString(work.resolve("hostile.html"), html);
    String dom = new HeadlessChromium(work).dumpDom(page);
    assertThat(dom).doesNotContain("<img", "<script", "<title>owned</title>");
    assertThat(dom).contains("&lt;script&gt;document.title='owned'&lt;/script&gt;");
  }

  @Test
  void anUnmeasuredProductShowsDashesInTheHtml() {
    String html = ReportHtml.write(hostileReport());
    String row = html.substring(html.indexOf("<td>quiet, &quot;new&quot;"));
    row = row.substring(0, row.indexOf("</tr>"));

    assertThat(row).contains("<td class=\"figure none\">—</td>", "<td class=\"none\">—</td>").doesNotContain("0.00 %", "NaN");
    assertThat(html).doesNotContain("NaN", "null");
    assertThat(SvgCharts.availabilityVsTarget(hostileReport().products())).contains("— not measured");
  }

  @Test
  void theMarkdownEscapesNamesSoTheyCannotBreakATable() {
    String markdown = ReportMarkdown.write(hostileReport());

    assertThat(markdown).doesNotContain("<script", "<img");
    assertThat(markdown).contains("| &quot;&gt;&lt;img src=x onerror=alert(1)&gt;\\|\\*a\\* | &lt;script&gt;document.title='owned'&lt;/script&gt; |"
        .replace("&quot;", "\""));
    assertThat(markdown).contains("| quiet, \"new\" line | — | 99.90 % | — | — | — | — | — | 0 | — | — |");
  }

  @Test
  void theCsvQuotesNamesPerRfc4180AndLeavesUnmeasuredFiguresEmpty() {
    String csv = ReportCsv.write(hostileReport());

    assertThat(csv).contains("\"quiet, \"\"new\"\"\nline\"");
    List<Map<String, String>> rows = Csv.rows(csv);
    assertThat(rows).extracting(r -> r.get("product")).containsExactly("", "", SCRIPT, "quiet, \"new\"\nline");
    Map<String, String> quiet = rows.get(3);
    assertThat(quiet.get("domain")).isEqualTo(DOMAIN);
    assertThat(quiet.get("availability_pct")).isEmpty();
    assertThat(quiet.get("coverage_pct")).isEmpty();
    assertThat(quiet.get("low_coverage")).isEmpty();
    assertThat(quiet.get("target_met")).isEmpty();
    assertThat(quiet.get("quality_score")).isEmpty();
    assertThat(quiet.get("breaches")).isEqualTo("0");
    assertThat(quiet.get("availability_target_pct")).isEqualTo("99.9");
  }

  @Test
  void aHostileDomainCannotLeaveTheOutputFolder() {
    SlaReport report = hostileReport();
    SlaReport scoped = new SlaReport(report.period(), report.previous(), Optional.of("../../etc"), report.generatedAt(), report.mesh(),
        List.of(), List.of());

    assertThat(ReportFiles.baseName(scoped)).isEqualTo("meshwatch-sla-2026-Q3-..-..-etc");
  }
}
