package io.meshwatch.worker.report;

import io.meshwatch.worker.report.ReportTable.Cell;
import io.meshwatch.worker.report.ReportTable.Column;
import io.meshwatch.worker.report.ReportTable.Tone;
import java.util.ArrayList;
import java.util.List;

/** Builds the report's tables from an {@link SlaReport}: the headline, the domains, the products and the worst offenders. */
public final class ReportTables {

  /** Marks a coverage below {@link Figures#LOW_COVERAGE}; the page and the file say what it means. */
  public static final String LOW_COVERAGE_MARK = "⚠";

  private ReportTables() {}

  /** The headline figures of the mesh (or the domain) for the period, the previous one and the change. */
  public static ReportTable headline(SlaReport report) {
    ReportLine.RollUp line = report.headline();
    Figures now = line.now();
    Figures before = line.before() == null ? new Figures(null, null, null, 0, null, null) : line.before();
    Trend trend = line.trend();
    long products = line.products();
    long meeting = line.productsMeetingTarget();
    List<List<Cell>> rows = new ArrayList<>();
    rows.add(List.of(Cell.plain("availability"), figure(ReportFormat.percent(now.availability())),
        figure(ReportFormat.percent(before.availability())), change(trend.availabilityPoints(), ReportFormat.points(trend.availabilityPoints()))));
    rows.add(List.of(Cell.plain("coverage"), coverage(now), coverage(before), Cell.plain("")));
    rows.add(List.of(Cell.plain("quality score"), figure(ReportFormat.quality(now.qualityScore())),
        figure(ReportFormat.quality(before.qualityScore())), change(trend.qualityPoints(), ReportFormat.qualityChange(trend.qualityPoints()))));
    rows.add(List.of(Cell.plain("products meeting their target"),
        new Cell(meeting + " of " + products, meeting < products ? Tone.BAD : Tone.PLAIN), Cell.plain(""), Cell.plain("")));
    rows.add(List.of(Cell.plain("breaches"), Cell.plain(String.valueOf(now.breaches())), Cell.plain(String.valueOf(before.breaches())),
        Cell.plain("")));
    rows.add(List.of(Cell.plain("mean time to acknowledge"), figure(ReportFormat.duration(now.meanTimeToAcknowledgeSeconds())),
        figure(ReportFormat.duration(before.meanTimeToAcknowledgeSeconds())), Cell.plain("")));
    rows.add(List.of(Cell.plain("mean time to resolve"), figure(ReportFormat.duration(now.meanTimeToResolveSeconds())),
        figure(ReportFormat.duration(before.meanTimeToResolveSeconds())), Cell.plain("")));
    String title = report.domain().map(d -> "Domain " + d).orElse("The mesh");
    return new ReportTable(title, List.of(new Column("", false), new Column(report.period().label(), true),
        new Column(report.previous().label(), true), new Column("change", true)), rows);
  }

  public static ReportTable domains(SlaReport report) {
    List<List<Cell>> rows = new ArrayList<>();
    for (ReportLine.Domain d : report.domains()) {
      Figures now = d.now();
      Trend trend = d.trend();
      rows.add(List.of(
          Cell.plain(d.domain()),
          Cell.plain(String.valueOf(d.products())),
          new Cell(d.productsMeetingTarget() + " of " + d.products(), d.productsMeetingTarget() < d.products() ? Tone.BAD : Tone.GOOD),
          figure(ReportFormat.percent(now.availability())),
          change(trend.availabilityPoints(), ReportFormat.points(trend.availabilityPoints())),
          coverage(now),
          figure(ReportFormat.quality(now.qualityScore())),
          change(trend.qualityPoints(), ReportFormat.qualityChange(trend.qualityPoints())),
          Cell.plain(String.valueOf(now.breaches())),
          figure(ReportFormat.duration(now.meanTimeToAcknowledgeSeconds())),
          figure(ReportFormat.duration(now.meanTimeToResolveSeconds()))));
    }
    return new ReportTable("Domains", List.of(new Column("domain", false), new Column("products", true),
        new Column("meeting target", true), new Column("availability", true), new Column("Δ availability", true),
        new Column("coverage", true), new Column("quality", true), new Column("Δ quality", true), new Column("breaches", true),
        new Column("mean time to acknowledge", true), new Column("mean time to resolve", true)), rows);
  }

  public static ReportTable products(SlaReport report) {
    List<List<Cell>> rows = new ArrayList<>();
    for (ReportLine.Product p : report.products()) {
      Figures now = p.now();
      Trend trend = p.trend();
      rows.add(List.of(
          Cell.plain(p.domain()),
          Cell.plain(p.name()),
          availability(p),
          figure(ReportFormat.target(p.availabilityTarget())),
          met(p.targetMet()),
          change(trend.availabilityPoints(), ReportFormat.points(trend.availabilityPoints())),
          coverage(now),
          figure(ReportFormat.quality(now.qualityScore())),
          change(trend.qualityPoints(), ReportFormat.qualityChange(trend.qualityPoints())),
          Cell.plain(String.valueOf(now.breaches())),
          figure(ReportFormat.duration(now.meanTimeToAcknowledgeSeconds())),
          figure(ReportFormat.duration(now.meanTimeToResolveSeconds()))));
    }
    return new ReportTable("Products", List.of(new Column("domain", false), new Column("product", false),
        new Column("availability", true), new Column("target", true), new Column("target met", false),
        new Column("Δ availability", true), new Column("coverage", true), new Column("quality", true), new Column("Δ quality", true),
        new Column("breaches", true), new Column("mean time to acknowledge", true), new Column("mean time to resolve", true)), rows);
  }

  /** The worst offenders as four small tables; a list with nobody in it is left out. */
  public static List<ReportTable> offenders(SlaReport report) {
    WorstOffenders worst = WorstOffenders.of(report);
    List<ReportTable> tables = new ArrayList<>();
    if (!worst.belowTarget().isEmpty()) {
      tables.add(new ReportTable("Furthest below target", List.of(new Column("product", false), new Column("availability", true),
          new Column("target", true), new Column("against target", true)),
          worst.belowTarget().stream().map(p -> List.of(Cell.plain(id(p)), availability(p),
              figure(ReportFormat.target(p.availabilityTarget())),
              new Cell(ReportFormat.points(p.pointsAboveTarget()), Tone.BAD))).toList()));
    }
    if (!worst.mostBreaches().isEmpty()) {
      tables.add(new ReportTable("Most breaches", List.of(new Column("product", false), new Column("breaches", true),
          new Column("mean time to acknowledge", true), new Column("mean time to resolve", true)),
          worst.mostBreaches().stream().map(p -> List.of(Cell.plain(id(p)), Cell.plain(String.valueOf(p.now().breaches())),
              figure(ReportFormat.duration(p.now().meanTimeToAcknowledgeSeconds())),
              figure(ReportFormat.duration(p.now().meanTimeToResolveSeconds())))).toList()));
    }
    if (!worst.lowestQuality().isEmpty()) {
      tables.add(new ReportTable("Lowest quality", List.of(new Column("product", false), new Column("quality", true),
          new Column("Δ quality", true)),
          worst.lowestQuality().stream().map(p -> List.of(Cell.plain(id(p)), figure(ReportFormat.quality(p.now().qualityScore())),
              change(p.trend().qualityPoints(), ReportFormat.qualityChange(p.trend().qualityPoints())))).toList()));
    }
    if (!worst.lowCoverage().isEmpty()) {
      tables.add(new ReportTable("Coverage below " + ReportFormat.percent(Figures.LOW_COVERAGE).replace(".00", ""),
          List.of(new Column("product", false), new Column("coverage", true), new Column("availability (of the time measured)", true)),
          worst.lowCoverage().stream().map(p -> List.of(Cell.plain(id(p)), coverage(p.now()), availability(p))).toList()));
    }
    return tables;
  }

  static String id(ReportLine.Product p) {
    return p.domain() + "/" + p.name();
  }

  private static Cell availability(ReportLine.Product p) {
    String text = ReportFormat.availability(p.now().availability(), p.availabilityTarget());
    if (p.targetMet() == null) {
      return new Cell(text, Tone.NONE);
    }
    return new Cell(text, p.targetMet() ? Tone.GOOD : Tone.BAD);
  }

  private static Cell met(Boolean met) {
    if (met == null) {
      return new Cell(ReportFormat.NONE, Tone.NONE);
    }
    return met ? new Cell("met", Tone.GOOD) : new Cell("missed", Tone.BAD);
  }

  private static Cell coverage(Figures figures) {
    String text = ReportFormat.percent(figures.coverage());
    return figures.lowCoverage() ? new Cell(text + " " + LOW_COVERAGE_MARK, Tone.WARNING) : figure(text);
  }

  private static Cell change(Double value, String text) {
    if (value == null) {
      return new Cell(text, Tone.NONE);
    }
    return new Cell(text, value <= -0.005 ? Tone.BAD : Tone.PLAIN);
  }

  private static Cell figure(String text) {
    return new Cell(text, text.equals(ReportFormat.NONE) ? Tone.NONE : Tone.PLAIN);
  }
}
