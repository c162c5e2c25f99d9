package io.meshwatch.worker.spec;

import io.meshwatch.activities.expr.ExpressionValidator;
import io.meshwatch.workflows.model.AlertsSpec;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.EscalationSpec;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.SlaSpec;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns a composed spec document into a {@link ProductSpec}, checking every field on the way. Every
 * section is bound even after an error, so one run reports all of them; the spec is built only when
 * none was found.
 */
final class SpecBinder {

  static final String API_VERSION = "dataproduct/v1";
  static final String KIND = "DataProduct";

  static final List<String> TOP = List.of("apiVersion", "kind", "metadata", "spec");
  static final List<String> METADATA = List.of("name", "domain", "owner", "steward");
  static final List<String> SPEC =
      List.of("description", "output", "schema", "quality", "consumers", "sla", "escalation", "alerts");
  static final List<String> CONSUMER = List.of("team", "use_case");
  static final List<String> ESCALATION = List.of("steward_after", "platform_after", "reminder_every");
  static final List<String> ALERTS = List.of("slack_channel", "notify_consumers");

  private final ExpressionValidator expressions;
  private final Problems problems;

  SpecBinder(ExpressionValidator expressions, Problems problems) {
    this.expressions = expressions;
    this.problems = problems;
  }

  /** The spec, or null when any error was reported. */
  ProductSpec bind(Node root) {
    if (!(root instanceof MappingNode)) {
      problems.error(SpecProblem.DOCUMENT, Nodes.line(root),
          "a spec is a mapping with apiVersion, kind, metadata and spec; got " + Nodes.describe(root));
      return null;
    }
    Fields document = Fields.of(root, "", problems, TOP);
    constant(document, "apiVersion", API_VERSION);
    constant(document, "kind", KIND);

    Fields metadata = section(document, "metadata", METADATA);
    String name = metadata.requiredNamed("name", NameRules.DNS_LABEL);
    String domain = metadata.requiredNamed("domain", NameRules.DNS_LABEL);
    String owner = metadata.requiredNamed("owner", NameRules.DNS_LABEL);
    String steward = metadata.named("steward", NameRules.EMAIL);
    if (!metadata.has("steward") && metadata.present()) {
      metadata.warn("steward", "no steward: escalations and PII-handling violations stop at the owner");
    }

    Fields spec = section(document, "spec", SPEC);
    String description = spec.text("description");
    if (description != null) {
      description = description.strip(); // folded and literal blocks end in a newline
    }
    OutputSpec output = OutputSection.bind(section(spec, "output", OutputSection.FIELDS));
    List<ColumnSpec> schema = SchemaSection.bind(spec.list("schema"), problems);
    Fields qualityFields = spec.mapping("quality", QualitySection.FIELDS);
    QualitySpec quality = QualitySection.bind(qualityFields, expressions, problems);
    if (quality.completenessThreshold() != null && !schema.isEmpty() && schema.stream().allMatch(ColumnSpec::nullable)) {
      qualityFields.warn("completeness_threshold", "has no effect: completeness counts the columns declared nullable: false");
    }
    List<ConsumerSpec> consumers = consumers(spec.list("consumers"));
    SlaSpec sla = spec.has("sla") ? SlaSection.bind(spec.mapping("sla", SlaSection.FIELDS), problems) : SlaSpec.defaults();
    EscalationSpec escalation = escalation(spec.mapping("escalation", ESCALATION));
    AlertsSpec alerts = alerts(spec.mapping("alerts", ALERTS));

    if (problems.hasErrors()) {
      return null;
    }
    return new ProductSpec(
        new ProductId(domain, name), owner, steward, description, output, schema, quality, consumers, sla, escalation, alerts);
  }

  private static void constant(Fields document, String key, String expected) {
    String value = document.requiredText(key);
    if (value != null && !value.equals(expected)) {
      document.error(key, "must be " + expected + ", got " + Texts.quote(value));
    }
  }

  /** A required section. */
  private static Fields section(Fields parent, String key, List<String> known) {
    if (!parent.has(key)) {
      parent.required(key);
    }
    return parent.mapping(key, known);
  }

  private List<ConsumerSpec> consumers(List<Fields.Item> items) {
    List<ConsumerSpec> consumers = new ArrayList<>();
    for (Fields.Item item : items) {
      Fields consumer = Fields.of(item.node(), item.path(), problems, CONSUMER);
      String team = consumer.requiredNamed("team", NameRules.DNS_LABEL);
      String useCase = consumer.text("use_case");
      if (team != null) {
        consumers.add(new ConsumerSpec(team, useCase));
      }
    }
    return consumers;
  }

  private static EscalationSpec escalation(Fields escalation) {
    Long stewardAfter = DurationText.read(escalation, "steward_after");
    Long platformAfter = DurationText.read(escalation, "platform_after");
    Long reminderEvery = DurationText.read(escalation, "reminder_every");
    if (stewardAfter != null && platformAfter != null && stewardAfter >= platformAfter) {
      escalation.error("platform_after", "must be later than steward_after ("
          + DurationText.format(stewardAfter) + "), got " + DurationText.format(platformAfter));
    }
    return new EscalationSpec(stewardAfter, platformAfter, reminderEvery);
  }

  private static AlertsSpec alerts(Fields alerts) {
    String channel = alerts.named("slack_channel", NameRules.SLACK_CHANNEL);
    Boolean notifyConsumers = alerts.bool("notify_consumers");
    return new AlertsSpec(channel, Boolean.TRUE.equals(notifyConsumers));
  }
}
