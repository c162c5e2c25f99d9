package io.meshwatch.worker.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the worker's {@code GET /api/scores} answer into an {@link SlaReport}, pairing each product
 * and domain with its figures of the previous period. A null in the answer stays null: "nothing
 * measured" must not become 0 on the way.
 */
public final class ReportJson {

  private ReportJson() {}

  /** Thrown when the answer is not the shape {@code /api/scores} gives: a worker of another version, or not a worker. */
  public static final class NotAReport extends Exception {
    NotAReport(String message) {
      super(message);
    }
  }

  public static SlaReport read(JsonNode answer, Instant generatedAt) throws NotAReport {
    try {
      JsonNode previous = required(answer, "previous");
      Map<String, Figures> productsBefore = new HashMap<>();
      for (JsonNode p : array(previous, "products")) {
        productsBefore.put(text(p, "product"), figures(p));
      }
      Map<String, Figures> domainsBefore = new HashMap<>();
      for (JsonNode d : array(previous, "domains")) {
        domainsBefore.put(text(d, "domain"), figures(d));
      }
      List<ReportLine.Product> products = new ArrayList<>();
      for (JsonNode p : array(answer, "products")) {
        JsonNode target = required(p, "availabilityTarget");
        JsonNode met = required(p, "targetMet");
        products.add(new ReportLine.Product(text(p, "domain"), text(p, "name"), target.asDouble(),
            met.isNull() ? null : met.asBoolean(), figures(p), productsBefore.get(text(p, "product"))));
      }
      products.sort(Comparator.comparing(ReportLine.Product::domain).thenComparing(ReportLine.Product::name));
      List<ReportLine.Domain> domains = new ArrayList<>();
      for (JsonNode d : array(answer, "domains")) {
        domains.add(new ReportLine.Domain(text(d, "domain"), count(d, "products"), count(d, "productsMeetingTarget"), figures(d),
            domainsBefore.get(text(d, "domain"))));
      }
      domains.sort(Comparator.comparing(ReportLine.Domain::domain));
      JsonNode overall = required(answer, "overall");
      ReportLine.Mesh mesh = new ReportLine.Mesh(count(overall, "domains"), count(overall, "products"),
          count(overall, "productsMeetingTarget"), figures(overall), figures(required(previous, "overall")));
      JsonNode domain = answer.path("domain");
      return new SlaReport(period(required(answer, "period")), period(required(previous, "period")),
          domain.isTextual() ? Optional.of(domain.asText()) : Optional.empty(), generatedAt, mesh, domains, products);
    } catch (DateTimeException e) {
      throw new NotAReport("the worker's scores answer has a time that does not read: " + e.getMessage());
    }
  }

  private static Figures figures(JsonNode n) throws NotAReport {
    return new Figures(number(n, "availability"), number(n, "coverage"), number(n, "qualityScore"), count(n, "breaches"),
        number(n, "meanTimeToAcknowledgeSeconds"), number(n, "meanTimeToResolveSeconds"));
  }

  private static ReportPeriod period(JsonNode n) throws NotAReport {
    return new ReportPeriod(text(n, "label"), Instant.parse(text(n, "from")), Instant.parse(text(n, "to")));
  }

  /** A number or null; anything else (a string, a missing field) means the answer is not a report. */
  private static Double number(JsonNode n, String field) throws NotAReport {
    JsonNode value = required(n, field);
    if (value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new NotAReport("the worker's scores answer has a non-number " + field + ": " + value);
    }
    return value.asDouble();
  }

  private static long count(JsonNode n, String field) throws NotAReport {
    JsonNode value = required(n, field);
    if (!value.canConvertToLong()) {
      throw new NotAReport("the worker's scores answer has a non-count " + field + ": " + value);
    }
    return value.asLong();
  }

  private static String text(JsonNode n, String field) throws NotAReport {
    JsonNode value = required(n, field);
    if (!value.isTextual()) {
      throw new NotAReport("the worker's scores answer has a non-text " + field + ": " + value);
    }
    return value.asText();
  }

  private static Iterable<JsonNode> array(JsonNode n, String field) throws NotAReport {
    JsonNode value = required(n, field);
    if (!value.isArray()) {
      throw new NotAReport("the worker's scores answer has no list of " + field);
    }
    return value;
  }

  private static JsonNode required(JsonNode n, String field) throws NotAReport {
    if (n == null || !n.has(field)) {
      throw new NotAReport("the worker's scores answer has no " + field + " (is --api a meshwatch worker of this version?)");
    }
    return n.get(field);
  }
}
