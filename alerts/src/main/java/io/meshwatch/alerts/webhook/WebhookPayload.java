package io.meshwatch.alerts.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwatch.alerts.IncidentLinks;
import io.meshwatch.alerts.text.CheckText;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ConsumerSpec;
import java.time.Instant;

/**
 * The webhook's JSON body, version 1: the delivery key and intent, the incident as it stands
 * (aggregates only: failing checks carry counts and ratios, never values) and the links. Field names
 * are snake_case and spelled out here rather than derived from the records, so refactoring the model
 * cannot change what receivers parse.
 */
public final class WebhookPayload {

  public static final String TYPE = "meshwatch.incident";
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookPayload() {}

  public static byte[] of(DeliveryInput input, IncidentLinks links) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", TYPE);
    body.put("version", VERSION);
    body.put("key", input.key());
    body.put("intent", input.intent().name());
    body.set("incident", incident(input.incident()));
    ObjectNode linkNode = body.putObject("links");
    links.dashboard(input.incident().product().id()).ifPresent(u -> linkNode.put("dashboard", u.toString()));
    links.runbook(input.incident().product().id()).ifPresent(u -> linkNode.put("runbook", u.toString()));
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("webhook body could not be written", e);
    }
  }

  private static ObjectNode incident(IncidentSnapshot s) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", s.incidentId());
    ObjectNode product = node.putObject("product");
    product.put("id", s.product().id().toString());
    product.put("domain", s.product().id().domain());
    product.put("name", s.product().id().name());
    product.put("description", s.product().description());
    product.put("owner", s.product().owner());
    product.put("steward", s.product().steward());
    ArrayNode consumers = product.putArray("consumers");
    for (ConsumerSpec c : s.product().consumers()) {
      consumers.addObject().put("team", c.team()).put("use_case", c.useCase());
    }
    node.put("state", s.state().name());
    node.put("product_state", s.productState() == null ? null : s.productState().name());
    instant(node, "opened_at", s.openedAt());
    instant(node, "at", s.at());
    ArrayNode failing = node.putArray("failing");
    for (FailingCheck f : s.failing()) {
      failing.add(check(f));
    }
    instant(node, "acknowledged_at", s.acknowledgedAt());
    actor(node, "acknowledged_by", s.acknowledgedBy());
    instant(node, "snoozed_until", s.snoozedUntil());
    instant(node, "resolved_at", s.resolvedAt());
    node.put("resolution", s.resolution() == null ? null : s.resolution().wireName());
    actor(node, "resolved_by", s.resolvedBy());
    node.put("note", s.note());
    return node;
  }

  private static ObjectNode check(FailingCheck failing) {
    CheckResult r = failing.result();
    ObjectNode node = JSON.createObjectNode();
    node.put("check_id", r.checkId());
    node.put("kind", r.kind().label());
    node.put("outcome", r.outcome().name());
    node.put("observed", r.observed());
    node.put("threshold", r.threshold());
    node.put("violations", r.violations());
    node.put("rows", r.rows());
    node.put("summary", CheckText.describe(r));
    node.put("message", CheckText.safeMessage(r));
    instant(node, "since", failing.since());
    return node;
  }

  private static void instant(ObjectNode node, String field, Instant value) {
    node.put(field, value == null ? null : value.toString());
  }

  private static void actor(ObjectNode node, String field, Actor actor) {
    if (actor == null) {
      node.putNull(field);
    } else {
      node.putObject(field).put("name", actor.name()).put("via", actor.via());
    }
  }
}
