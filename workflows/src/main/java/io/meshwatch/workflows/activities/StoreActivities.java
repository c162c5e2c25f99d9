package io.meshwatch.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Persists what the monitor observed in meshwatch's own PostgreSQL store. Idempotent. */
@ActivityInterface
public interface StoreActivities {

  @ActivityMethod
  RecordCycleOutput recordCycle(RecordCycleInput input);

  /** Upserts an incident as it stands and inserts its transition, keyed by (incident, sequence). */
  @ActivityMethod
  RecordIncidentOutput recordIncident(RecordIncidentInput input);
}
