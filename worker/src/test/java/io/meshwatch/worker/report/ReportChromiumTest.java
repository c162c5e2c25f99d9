package io.meshwatch.worker.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.worker.api.HttpApi;
import io.meshwatch.worker.api.IncidentApiFixture;
import io.meshwatch.worker.api.ScoreApi;
import io.meshwatch.worker.cli.ReportCommand;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The HTML page {@code meshwatch report} writes, opened in headless Chromium from the file alone:
 * it renders (a screenshot with the charts' colours in it), shows the figures, and fetches nothing.
 */
class ReportChromiumTest {

  @RegisterExtension static final ScoreHistory HISTORY = new ScoreHistory();

  /** Kept after the build, to look at: target/report-screenshots/. */
  static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

  static IncidentApiFixture fixture;
  static HttpApi server;

  @TempDir Path work;

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

  @Test
  void theQuarterlyPageRendersOfflineWithItsChartsAndFigures() throws Exception {
    Path out = work.resolve("out");
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ReportCommand());
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("--quarter", "2026-Q3", "--api", "http://127.0.0.1:" + server.port(), "--out", out.toString());
    assertThat(exit).as(err.toString()).isZero();
    Path page = out.resolve("meshwatch-sla-2026-Q3.html");
    String html = Files.readString(page);

    // Self-contained: no URL, script, external resource or font.
    assertThat(Pattern.compile("https?:", Pattern.CASE_INSENSITIVE).matcher(html).find()).as("names an http(s) URL").isFalse();
    assertThat(html).doesNotContain("<script", "src=", "href=", "url(", "@import", "@font-face");

    HeadlessChromium chromium = new HeadlessChromium(work);
    Files.createDirectories(SCREENSHOTS);
    Path png = SCREENSHOTS.resolve("meshwatch-sla-2026-Q3.png");
    chromium.screenshot(page, png, 1280, 2000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(2000);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    assertThat(colours.size()).as("distinct colours: a blank page has one").isGreaterThan(50);
    // The bars of the first chart: targets met in green, the missed one in red.
    assertThat(colours).contains(0x2e7d32, 0xc62828, 0x1565c0);

    String dom = chromium.dumpDom(page);
    assertThat(dom).contains("SLA report 2026-Q3", "2026-07-01 00:00 UTC to 2026-10-01 00:00 UTC", "Generated",
        "orders-daily", "orders-hourly", "billing/invoices", "payments",
        "99.55 %", "99.50 %", "98.91 %", "50.00 % ⚠", "missed", "−1.09 pp", "13h 07m", "2h 15m", "Worst offenders");
    assertThat(Pattern.compile("<svg class=\"chart\"").matcher(dom).results().count()).isEqualTo(3);
    assertThat(dom).doesNotContain("NaN", "null");
  }
}
