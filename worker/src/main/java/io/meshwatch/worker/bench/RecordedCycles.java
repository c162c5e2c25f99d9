package io.meshwatch.worker.bench;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordCycleOutput;
import io.meshwatch.workflows.activities.RecordCyclesInput;
import io.meshwatch.workflows.activities.RecordCyclesOutput;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.RecordIncidentOutput;
import io.meshwatch.workflows.activities.StoreActivities;

/**
 * The store activity for the benchmark's monitors: keeps only the totals the monitors report (cycles
 * and scans), to set beside what the warehouse port counted. The store does not touch the warehouse,
 * so it is not part of what is measured.
 */
final class RecordedCycles implements StoreActivities {

  private int cycles;
  private long scans;

  @Override
  public synchronized RecordCycleOutput recordCycle(RecordCycleInput input) {
    cycles++;
    scans += input.scans();
    return new RecordCycleOutput(input.results().size());
  }

  @Override
  public synchronized RecordCyclesOutput recordCycles(RecordCyclesInput input) {
    int written = 0;
    for (RecordCycleInput cycle : input.cycles()) {
      written += recordCycle(cycle).resultsWritten();
    }
    return new RecordCyclesOutput(input.cycles().size(), written);
  }

  /** The benchmark's incidents touch no warehouse: nothing to keep. */
  @Override
  public RecordIncidentOutput recordIncident(RecordIncidentInput input) {
    return new RecordIncidentOutput(true);
  }

  synchronized int cycles() {
    return cycles;
  }

  synchronized long scans() {
    return scans;
  }
}
