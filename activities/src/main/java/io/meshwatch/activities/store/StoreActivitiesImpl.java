package io.meshwatch.activities.store;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordCycleOutput;
import io.meshwatch.workflows.activities.RecordCyclesInput;
import io.meshwatch.workflows.activities.RecordCyclesOutput;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.RecordIncidentOutput;
import io.meshwatch.workflows.activities.StoreActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.Objects;
import org.jooq.exception.DataAccessException;

/**
 * The store's Temporal activities. A cycle or incident transition no retry can fix fails
 * non-retryably; a database failure is retryable, and since every write is an upsert (or an insert
 * that ignores its own earlier copy), a retry after a commit whose answer was lost changes nothing.
 */
public final class StoreActivitiesImpl implements StoreActivities {

  private final ResultStore results;
  private final IncidentStore incidents;

  public StoreActivitiesImpl(ResultStore results, IncidentStore incidents) {
    this.results = Objects.requireNonNull(results, "results");
    this.incidents = Objects.requireNonNull(incidents, "incidents");
  }

  @Override
  public RecordCycleOutput recordCycle(RecordCycleInput input) {
    try {
      return results.recordCycle(input);
    } catch (RejectedCycleException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), e.failure().name(), e);
    } catch (DataAccessException e) {
      throw ApplicationFailure.newFailureWithCause(
          "recording a cycle of " + (input == null ? null : input.product()) + " failed: " + e.getMessage(),
          StoreFailure.STORE_UNAVAILABLE.name(),
          e);
    }
  }

  @Override
  public RecordCyclesOutput recordCycles(RecordCyclesInput input) {
    try {
      return new RecordCyclesOutput(input.cycles().size(), results.recordCycles(input.cycles()));
    } catch (RejectedCycleException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), e.failure().name(), e);
    } catch (DataAccessException e) {
      String product = input.cycles().isEmpty() ? null : String.valueOf(input.cycles().get(0).product());
      throw ApplicationFailure.newFailureWithCause(
          "recording " + input.cycles().size() + " cycles of " + product + " failed: " + e.getMessage(),
          StoreFailure.STORE_UNAVAILABLE.name(),
          e);
    }
  }

  @Override
  public RecordIncidentOutput recordIncident(RecordIncidentInput input) {
    try {
      return incidents.record(input);
    } catch (RejectedIncidentException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), e.failure().name(), e);
    } catch (DataAccessException e) {
      throw ApplicationFailure.newFailureWithCause(
          "recording a transition of incident " + (input == null ? null : input.incident().incidentId()) + " failed: " + e.getMessage(),
          StoreFailure.STORE_UNAVAILABLE.name(),
          e);
    }
  }
}
