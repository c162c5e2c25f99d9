package io.meshwatch.worker.bench;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.DeliveryOutput;
import io.meshwatch.workflows.activities.IncidentActivities;
import io.meshwatch.workflows.activities.MessageRef;

/**
 * The incident delivery for the benchmark's monitors: the generated products breach on purpose, and
 * nobody is paged. The opening still names a main message, as a sink would, so the incidents run
 * their usual course.
 */
final class SilentIncidents implements IncidentActivities {

  @Override
  public DeliveryOutput deliver(DeliveryInput input) {
    MessageRef message = input.intent() == DeliveryIntent.OPENED ? new MessageRef("bench", null, input.key()) : input.message();
    return new DeliveryOutput(message, false);
  }
}
