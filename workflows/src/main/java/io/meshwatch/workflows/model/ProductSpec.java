package io.meshwatch.workflows.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated data product spec (DESIGN §4). Built only by the spec loader, which reports every error
 * of a bad spec at once; the records here trust their input beyond null checks. Optional sections are
 * never null: absent ones hold their defaults.
 */
public record ProductSpec(
    ProductId id,
    String owner,
    String steward,
    String description,
    OutputSpec output,
    List<ColumnSpec> schema,
    QualitySpec quality,
    List<ConsumerSpec> consumers,
    SlaSpec sla,
    EscalationSpec escalation,
    AlertsSpec alerts) {

  public ProductSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(output, "output");
    schema = schema == null ? List.of() : List.copyOf(schema);
    quality = quality == null ? QualitySpec.empty() : quality;
    consumers = consumers == null ? List.of() : List.copyOf(consumers);
    sla = sla == null ? SlaSpec.defaults() : sla;
    escalation = escalation == null ? EscalationSpec.defaults() : escalation;
    alerts = alerts == null ? AlertsSpec.defaults() : alerts;
  }

  public Optional<ColumnSpec> column(String name) {
    return schema.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }
}
