package io.meshwatch.activities.store;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordCycleOutput;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.RecordIncidentOutput;
import io.meshwatch.workflows.activities.StoreActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.Objects;
import org.jooq.exception.DataAccessException;

/**
 * The store's Temporal activities. A cycle no retry can fix fails non-retryably; a database failure
 * is retryable, and since every write is an upsert, a retry after a commit whose answer was lost
 * changes nothing.
 */
public final class StoreActivitiesImpl implements StoreActivities {

  private final ResultStore results;

  public StoreActivitiesImpl(ResultStore results) {
    this.results = Objects.requireNonNull(results, "results");
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
  public RecordIncidentOutput recordIncident(RecordIncidentInput input) {
    throw new UnsupportedOperationException("the incident store is being built (issue 4)");
  }
}
