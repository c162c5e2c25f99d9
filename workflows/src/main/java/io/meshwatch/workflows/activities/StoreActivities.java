package io.meshwatch.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Persists what the monitor observed in meshwatch's own PostgreSQL store. Idempotent. */
@ActivityInterface
public interface StoreActivities {

  @ActivityMethod
  RecordCycleOutput recordCycle(RecordCycleInput input);

  /**
   * Records one product's cycles, oldest first, in one transaction, exactly as {@link #recordCycle}
   * would one after another. Monitors send what they buffered while the store was busy or down.
   */
  @ActivityMethod
  RecordCyclesOutput recordCycles(RecordCyclesInput input);

  /** Upserts an incident as it stands and inserts its transition, keyed by (incident, sequence). */
  @ActivityMethod
  RecordIncidentOutput recordIncident(RecordIncidentInput input);
}
