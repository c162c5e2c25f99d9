package io.meshwatch.worker.runtime;

import io.meshwatch.activities.store.RegisteredProduct;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.monitor.ProductStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The human status table printed by the demo and the CLI. */
public final class StatusTable {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private StatusTable() {}

  public static String render(List<RegisteredProduct> products, Map<String, ProductStatus> statuses, Instant now) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PRODUCT", "STATE", "SINCE", "DATA AGE", "CHECKS PASSED", "FAILING / ERRORS"});
    for (RegisteredProduct product : products) {
      ProductStatus status = statuses.get(product.id().toString());
      if (status == null) {
        rows.add(new String[] {product.id().toString(), "NOT RUNNING", "-", "-", "-", "-"});
        continue;
      }
      List<CheckResult> results = status.results();
      long measured = results.stream().filter(r -> r.outcome().measured()).count();
      long passed = results.stream().filter(r -> r.outcome() == Outcome.PASS).count();
      String problems = results.stream()
          .filter(r -> r.outcome() == Outcome.FAIL || r.outcome() == Outcome.ERROR)
          .map(r -> r.outcome() == Outcome.ERROR ? r.checkId() + " (error)" : r.checkId())
          .collect(Collectors.joining(", "));
      Instant lastUpdated = status.freshness() == null ? null : status.freshness().lastUpdated();
      rows.add(new String[] {
        product.id().toString(),
        status.state().name(),
        status.stateSince() == null ? "-" : TIME.format(status.stateSince()),
        lastUpdated == null ? "unknown" : age(Duration.between(lastUpdated, now)),
        passed + "/" + measured,
        problems.isEmpty() ? "-" : problems
      });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        out.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  static String age(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    if (minutes < 60) {
      return minutes + "m";
    }
    if (minutes < 48 * 60) {
      return String.format(Locale.ROOT, "%dh %02dm", minutes / 60, minutes % 60);
    }
    return String.format(Locale.ROOT, "%dd %dh", minutes / 1440, (minutes % 1440) / 60);
  }
}
