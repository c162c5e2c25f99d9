package io.meshwatch.worker.governance;

import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.MaintenanceWindow;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What changes between two versions of a product's spec, and who it affects: every change with its
 * path, old and new value and {@link Impact}; the consumers to tell before a breaking change is
 * deployed (those of the old spec: they are who reads the product today). A pure function of the
 * two specs, so the offline CLI and the API compare the same way. The classification is documented
 * in docs/governance.md.
 */
public record SpecDiff(ProductId product, List<SpecChange> changes, List<ConsumerSpec> affectedConsumers) {

  public SpecDiff {
    Objects.requireNonNull(product, "product");
    changes = List.copyOf(changes);
    affectedConsumers = List.copyOf(affectedConsumers);
  }

  /** Compares {@code before} (the registered or old spec) with {@code after} (the one to deploy). */
  public static SpecDiff between(ProductSpec before, ProductSpec after) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    List<SpecChange> changes = new ArrayList<>();
    if (!before.id().equals(after.id())) {
      changes.add(SpecChange.of("metadata", ChangeKind.PRODUCT_RENAMED, before.id().toString(), after.id().toString()));
    }
    schema(before.schema(), after.schema(), changes);
    output(before.output(), after.output(), changes);
    settings(flatten(before), flatten(after), changes);
    boolean breaking = changes.stream().anyMatch(SpecChange::breaking);
    return new SpecDiff(before.id(), changes, breaking ? before.consumers() : List.of());
  }

  public List<SpecChange> breaking() {
    return of(Impact.BREAKING);
  }

  public List<SpecChange> compatible() {
    return of(Impact.COMPATIBLE);
  }

  /** Changes that leave what readers read alone: ownership, description, checks, SLA, escalation, alerts. */
  public List<SpecChange> nonSchema() {
    return of(Impact.NON_SCHEMA);
  }

  public boolean hasBreaking() {
    return changes.stream().anyMatch(SpecChange::breaking);
  }

  public boolean empty() {
    return changes.isEmpty();
  }

  private List<SpecChange> of(Impact impact) {
    return changes.stream().filter(c -> c.impact() == impact).toList();
  }

  /** A short diff for people: schema and output changes first, with BREAKING markers, then the rest, then who to tell. */
  public List<String> render() {
    List<String> lines = new ArrayList<>();
    if (changes.isEmpty()) {
      lines.add(product + ": no changes");
      return lines;
    }
    lines.add(product + ": " + breaking().size() + " breaking, " + compatible().size() + " compatible, "
        + nonSchema().size() + " other change" + (nonSchema().size() == 1 ? "" : "s"));
    List<SpecChange> schema = changes.stream().filter(c -> c.impact() != Impact.NON_SCHEMA).toList();
    if (!schema.isEmpty()) {
      lines.add("schema and output:");
      schema.forEach(c -> lines.add("  " + c.render()));
    }
    if (!nonSchema().isEmpty()) {
      lines.add("other changes (no effect on what readers read):");
      nonSchema().forEach(c -> lines.add("  " + c.render()));
    }
    if (hasBreaking()) {
      if (affectedConsumers.isEmpty()) {
        lines.add("consumers affected: none declared in the current spec (readers are unknown)");
      } else {
        lines.add("consumers affected (tell them before deploying):");
        affectedConsumers.forEach(c -> lines.add("  " + c.team() + (c.useCase() == null ? "" : ": " + c.useCase())));
      }
    }
    return lines;
  }

  private static void schema(List<ColumnSpec> before, List<ColumnSpec> after, List<SpecChange> changes) {
    Map<String, Integer> afterIndex = new LinkedHashMap<>();
    for (int i = 0; i < after.size(); i++) {
      afterIndex.put(key(after.get(i).name()), i);
    }
    Set<Integer> matchedAfter = new HashSet<>();
    List<ColumnSpec> unmatchedBefore = new ArrayList<>();
    List<String> commonInBeforeOrder = new ArrayList<>();
    for (ColumnSpec old : before) {
      Integer index = afterIndex.get(key(old.name()));
      if (index == null) {
        unmatchedBefore.add(old);
        continue;
      }
      matchedAfter.add(index);
      ColumnSpec now = after.get(index);
      commonInBeforeOrder.add(key(old.name()));
      column(old, now, changes);
    }
    // A removed column and an added one at the same place with the same type: a rename.
    for (ColumnSpec old : unmatchedBefore) {
      int position = before.indexOf(old);
      if (position < after.size() && !matchedAfter.contains(position) && after.get(position).type().equals(old.type())) {
        ColumnSpec now = after.get(position);
        matchedAfter.add(position);
        changes.add(SpecChange.of(columnPath(old.name()), ChangeKind.COLUMN_RENAMED, old.name(), now.name()));
        column(old, now, changes);
      } else {
        changes.add(SpecChange.of(columnPath(old.name()), ChangeKind.COLUMN_REMOVED, describe(old), null));
      }
    }
    for (int i = 0; i < after.size(); i++) {
      if (!matchedAfter.contains(i)) {
        changes.add(SpecChange.of(columnPath(after.get(i).name()), ChangeKind.COLUMN_ADDED, null, describe(after.get(i))));
      }
    }
    List<String> commonInAfterOrder = after.stream().map(c -> key(c.name())).filter(commonInBeforeOrder::contains).toList();
    for (int i = 0; i < commonInBeforeOrder.size(); i++) {
      String name = commonInBeforeOrder.get(i);
      int now = commonInAfterOrder.indexOf(name);
      if (now != i) {
        changes.add(SpecChange.of(columnPath(after.get(afterIndex.get(name)).name()), ChangeKind.COLUMN_MOVED,
            "position " + (i + 1), "position " + (now + 1)));
      }
    }
  }

  /** The changes of one column matched across versions (by name, or as a rename). */
  private static void column(ColumnSpec old, ColumnSpec now, List<SpecChange> changes) {
    String path = columnPath(old.name());
    if (!old.name().equals(now.name()) && key(old.name()).equals(key(now.name()))) {
      // Warehouses fold identifier case differently: to a case-sensitive reader this is another column.
      changes.add(SpecChange.of(path, ChangeKind.COLUMN_RENAMED, old.name(), now.name()));
    }
    if (!old.type().equals(now.type())) {
      changes.add(SpecChange.of(path + ".type", ChangeKind.COLUMN_TYPE_CHANGED, old.type(), now.type()));
    }
    if (old.nullable() != now.nullable()) {
      changes.add(SpecChange.of(path + ".nullable",
          now.nullable() ? ChangeKind.COLUMN_NOW_NULLABLE : ChangeKind.COLUMN_NOW_NOT_NULL,
          String.valueOf(old.nullable()), String.valueOf(now.nullable())));
    }
    if (old.pii() != now.pii()) {
      changes.add(SpecChange.of(path + ".pii", ChangeKind.COLUMN_PII_CHANGED, String.valueOf(old.pii()), String.valueOf(now.pii())));
    }
    String oldHandling = old.piiHandling() == null ? null : old.piiHandling().specName();
    String newHandling = now.piiHandling() == null ? null : now.piiHandling().specName();
    if (!Objects.equals(oldHandling, newHandling)) {
      changes.add(SpecChange.of(path + ".pii_handling", ChangeKind.COLUMN_PII_HANDLING_CHANGED, oldHandling, newHandling));
    }
  }

  private static void output(OutputSpec before, OutputSpec after, List<SpecChange> changes) {
    Map<String, String> old = location(before);
    Map<String, String> now = location(after);
    for (String field : old.keySet()) {
      if (!Objects.equals(old.get(field), now.get(field))) {
        changes.add(SpecChange.of("spec.output." + field, ChangeKind.OUTPUT_MOVED, old.get(field), now.get(field)));
      }
    }
  }

  /** The output fields that say where readers find the data. */
  private static Map<String, String> location(OutputSpec output) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("format", output.format().specName());
    fields.put("location", output.location());
    fields.put("project", output.project());
    fields.put("database", output.database());
    fields.put("dataset", output.dataset());
    fields.put("schema", output.schema());
    fields.put("table", output.table());
    return fields;
  }

  private static void settings(Map<String, String> before, Map<String, String> after, List<SpecChange> changes) {
    for (Map.Entry<String, String> old : before.entrySet()) {
      String now = after.get(old.getKey());
      if (now == null) {
        changes.add(SpecChange.of(old.getKey(), ChangeKind.SETTING_REMOVED, old.getValue(), null));
      } else if (!now.equals(old.getValue())) {
        changes.add(SpecChange.of(old.getKey(), ChangeKind.SETTING_CHANGED, old.getValue(), now));
      }
    }
    for (Map.Entry<String, String> now : after.entrySet()) {
      if (!before.containsKey(now.getKey())) {
        changes.add(SpecChange.of(now.getKey(), ChangeKind.SETTING_ADDED, null, now.getValue()));
      }
    }
  }

  /** Every field that is neither schema nor where the output lives, by path; absent fields are left out. */
  private static Map<String, String> flatten(ProductSpec spec) {
    Map<String, String> fields = new LinkedHashMap<>();
    put(fields, "metadata.owner", spec.owner());
    put(fields, "metadata.steward", spec.steward());
    put(fields, "spec.description", spec.description());
    put(fields, "spec.output.catalog", spec.output().catalog());
    put(fields, "spec.output.connection", spec.output().connection());
    var quality = spec.quality();
    put(fields, "spec.quality.freshness_sla_hours", quality.freshnessSlaHours());
    put(fields, "spec.quality.completeness_threshold", quality.completenessThreshold());
    put(fields, "spec.quality.freshness_column", quality.freshnessColumn());
    put(fields, "spec.quality.partition_column", quality.partitionColumn());
    put(fields, "spec.quality.lookback", quality.lookback());
    for (CustomCheckSpec check : quality.customChecks()) {
      put(fields, "spec.quality.custom_checks[" + check.name() + "]", check.expr() + " (" + check.severity().specName()
          + (check.tolerance() == 0 ? "" : ", tolerance " + (long) check.tolerance()) + ")");
    }
    for (ConsumerSpec consumer : spec.consumers()) {
      put(fields, "spec.consumers[" + consumer.team() + "]", consumer.useCase() == null ? "(no use case)" : consumer.useCase());
    }
    var sla = spec.sla();
    put(fields, "spec.sla.schedule", sla.schedule());
    put(fields, "spec.sla.timezone", sla.timezone());
    put(fields, "spec.sla.available_by", sla.availableBy());
    put(fields, "spec.sla.availability_target", sla.availabilityTarget());
    if (!sla.maintenance().isEmpty()) {
      put(fields, "spec.sla.maintenance", sla.maintenance().stream().map(SpecDiff::window).collect(Collectors.joining("; ")));
    }
    var escalation = spec.escalation();
    put(fields, "spec.escalation.steward_after", minutes(escalation.stewardAfterMinutes()));
    put(fields, "spec.escalation.platform_after", minutes(escalation.platformAfterMinutes()));
    put(fields, "spec.escalation.reminder_every", minutes(escalation.reminderEveryMinutes()));
    put(fields, "spec.alerts.slack_channel", spec.alerts().slackChannel());
    put(fields, "spec.alerts.notify_consumers", spec.alerts().notifyConsumers() ? "true" : null);
    return fields;
  }

  private static void put(Map<String, String> fields, String path, Object value) {
    if (value != null) {
      fields.put(path, value instanceof Double d && d == Math.rint(d) && !d.isInfinite() ? String.valueOf(d.longValue()) : String.valueOf(value));
    }
  }

  private static String minutes(Long minutes) {
    return minutes == null ? null : minutes + "m";
  }

  private static String window(MaintenanceWindow window) {
    return window.recurring() ? window.schedule() + " for " + window.durationMinutes() + "m" : window.start() + " to " + window.end();
  }

  private static String describe(ColumnSpec column) {
    return column.type() + (column.nullable() ? ", nullable" : ", not null")
        + (column.pii() ? ", pii" + (column.piiHandling() == null ? "" : " " + column.piiHandling().specName()) : "");
  }

  private static String columnPath(String name) {
    return "spec.schema[" + name + "]";
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
