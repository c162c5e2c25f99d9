package io.meshwatch.workflows.activities;

import java.util.List;
import java.util.Objects;

/**
 * Input of {@link StoreActivities#recordCycles}: a stretch of one product's cycles, oldest first, that
 * its monitor buffered while an earlier write was still under way (or while the store was down).
 */
public record RecordCyclesInput(List<RecordCycleInput> cycles) {

  public RecordCyclesInput {
    cycles = List.copyOf(Objects.requireNonNull(cycles, "cycles"));
  }
}
