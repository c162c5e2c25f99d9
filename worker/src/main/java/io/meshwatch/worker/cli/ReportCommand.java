package io.meshwatch.worker.cli;

import io.meshwatch.activities.store.Period;
import io.meshwatch.worker.api.IncidentKey;
import io.meshwatch.worker.report.ReportFiles;
import io.meshwatch.worker.report.ReportFormat;
import io.meshwatch.worker.report.ReportJson;
import io.meshwatch.worker.report.SlaReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshwatch report --quarter 2026-Q3}: the SLA report of a period from a running worker's
 * scores ({@code GET /api/scores}), written as an HTML page, a CSV and a Markdown file. Exit codes as
 * the other API commands: 0 written, 1 the worker could not be reached, refused or the files could
 * not be written, 2 bad usage.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write the SLA report of a period (HTML, CSV, Markdown) from a running worker's scores.",
        "The period: --quarter 2026-Q3, --period <day, ISO week, month, quarter or from/to>, or --from and --to."})
public final class ReportCommand implements Callable<Integer> {

  private static final Pattern QUARTER = Pattern.compile("\\d{4}-Q\\d");

  @Option(names = "--quarter", paramLabel = "YYYY-Qn", description = "a calendar quarter (UTC), such as 2026-Q3")
  String quarter;

  @Option(names = "--period", paramLabel = "PERIOD",
      description = "any period: 2026-03-01 (day), 2026-W09 (ISO week), 2026-03 (month), 2026-Q3, or <instant>/<instant>")
  String period;

  @Option(names = "--from", paramLabel = "WHEN", description = "start of a custom period: a date (00:00 UTC) or an instant")
  String from;

  @Option(names = "--to", paramLabel = "WHEN", description = "end of a custom period, exclusive: a date (00:00 UTC) or an instant")
  String to;

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "report this domain only")
  String domain;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "folder for the files (default: the current one)")
  Path out;

  @Mixin ApiOptions api;

  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final Clock clock;

  public ReportCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  ReportCommand(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Period reported;
    WorkerApi worker;
    try {
      reported = period();
      if (domain != null && !IncidentKey.validSegment(domain)) {
        throw new ApiOptions.UsageException("--domain must be a domain name such as orders, got '" + domain + "'");
      }
      worker = new WorkerApi(api.baseUri(env), api.token(env));
    } catch (ApiOptions.UsageException e) {
      err.println("meshwatch report: " + e.getMessage());
      spec.commandLine().usage(err);
      return IncidentActionCommand.USAGE;
    }

    WorkerApi.Answer answer;
    try {
      answer = worker.get("/api/scores?period=" + query(reported.label()) + (domain == null ? "" : "&domain=" + query(domain)));
    } catch (WorkerApi.Unreachable e) {
      err.println("meshwatch report: " + e.getMessage());
      return IncidentActionCommand.REFUSED;
    }
    if (!answer.ok() || answer.body().isEmpty()) {
      err.println("meshwatch report: " + answer.problem());
      return IncidentActionCommand.REFUSED;
    }
    SlaReport report;
    try {
      report = ReportJson.read(answer.body().get(), clock.instant());
    } catch (ReportJson.NotAReport e) {
      err.println("meshwatch report: " + e.getMessage());
      return IncidentActionCommand.REFUSED;
    }
    List<Path> written;
    try {
      written = ReportFiles.write(out, report);
    } catch (IOException e) {
      err.println("meshwatch report: cannot write the report to " + out.toAbsolutePath() + ": " + e);
      return IncidentActionCommand.REFUSED;
    }
    stdout.println(summary(report));
    written.forEach(path -> stdout.println("wrote " + path));
    return IncidentActionCommand.DONE;
  }

  /** The period the options name; exactly one of --quarter, --period and --from with --to. */
  Period period() throws ApiOptions.UsageException {
    int given = (quarter != null ? 1 : 0) + (period != null ? 1 : 0) + (from != null || to != null ? 1 : 0);
    if (given == 0) {
      throw new ApiOptions.UsageException("which period? give --quarter 2026-Q3, --period <period>, or --from and --to");
    }
    if (given > 1) {
      throw new ApiOptions.UsageException("give one of --quarter, --period and --from/--to, not several");
    }
    if (quarter != null) {
      if (!QUARTER.matcher(quarter.strip()).matches()) {
        throw new ApiOptions.UsageException("--quarter takes a quarter such as 2026-Q3, got '" + quarter
            + "'; use --period for a day, week, month or span");
      }
      return parse("--quarter", quarter);
    }
    if (period != null) {
      return parse("--period", period);
    }
    if (from == null || to == null) {
      throw new ApiOptions.UsageException(from == null ? "--to needs --from" : "--from needs --to");
    }
    Instant start = instant("--from", from);
    Instant end = instant("--to", to);
    if (!start.isBefore(end)) {
      throw new ApiOptions.UsageException("--from must be before --to, got " + start + " and " + end);
    }
    return Period.between(start, end);
  }

  private static Period parse(String option, String text) throws ApiOptions.UsageException {
    try {
      return Period.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ApiOptions.UsageException(option + ": " + e.getMessage());
    }
  }

  /** A date (its start, UTC) or an ISO-8601 instant. */
  private static Instant instant(String option, String text) throws ApiOptions.UsageException {
    String value = text.strip();
    try {
      return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException e) {
      throw new ApiOptions.UsageException(option + ": not a date or an instant: '" + text
          + "' (use e.g. 2026-07-01 or 2026-07-01T06:00:00Z)");
    }
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** One line on the terminal, so the run tells the essentials without opening a file. */
  private static String summary(SlaReport report) {
    var headline = report.headline();
    return report.period().label() + ", " + report.scope() + ": availability " + ReportFormat.percent(headline.now().availability())
        + ", " + headline.productsMeetingTarget() + " of " + headline.products() + " products met their target, "
        + headline.now().breaches() + " breaches";
  }
}
