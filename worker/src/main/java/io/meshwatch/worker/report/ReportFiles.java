package io.meshwatch.worker.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes a report's three files, {@code meshwatch-sla-<period>[-<domain>].html|.csv|.md}. Each is
 * written to a temporary file and moved into place, so a reader never sees half a report and a
 * failed run leaves the previous report whole.
 */
public final class ReportFiles {

  private static final Pattern CALENDAR = Pattern.compile("\\d{4}-(Q\\d|W\\d{2}|\\d{2}(-\\d{2})?)");
  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private ReportFiles() {}

  /**
   * The name the files share: {@code meshwatch-sla-2026-Q3}, {@code meshwatch-sla-2026-Q3-orders}; a
   * custom span is named by its dates ({@code meshwatch-sla-2026-07-01_2026-08-01}) or, when it does not
   * start and end at midnight UTC, its instants ({@code 20260701T060000Z_20260702T000000Z}).
   */
  public static String baseName(SlaReport report) {
    ReportPeriod period = report.period();
    String name = CALENDAR.matcher(period.label()).matches() ? period.label() : span(period.from()) + "_" + span(period.to());
    return "meshwatch-sla-" + name + report.domain().map(d -> "-" + safe(d)).orElse("");
  }

  /** Writes the HTML page, the CSV and the Markdown file into {@code directory} (created if missing); returns their paths. */
  public static List<Path> write(Path directory, SlaReport report) throws IOException {
    Files.createDirectories(directory);
    String base = baseName(report);
    Path html = write(directory.resolve(base + ".html"), ReportHtml.write(report));
    Path csv = write(directory.resolve(base + ".csv"), ReportCsv.write(report));
    Path markdown = write(directory.resolve(base + ".md"), ReportMarkdown.write(report));
    return List.of(html, csv, markdown);
  }

  private static Path write(Path target, String content) throws IOException {
    Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return target;
  }

  private static String span(Instant instant) {
    return instant.atZone(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)
        ? instant.atZone(ZoneOffset.UTC).toLocalDate().toString()
        : COMPACT.format(instant);
  }

  /** A domain as part of a file name: anything but letters, digits, dot, dash and underscore becomes a dash. */
  private static String safe(String domain) {
    return domain.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
