package io.meshwatch.worker.demo;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.model.ProductSpec;
import java.util.List;

/** One product's seeded past: its monitor's cycles, oldest first, and the breaches they opened. */
record SeededProduct(ProductSpec spec, List<RecordCycleInput> cycles, List<Breach> breaches) {

  SeededProduct {
    cycles = List.copyOf(cycles);
    breaches = List.copyOf(breaches);
  }

  long evaluations() {
    return cycles.stream().filter(RecordCycleInput::evaluated).count();
  }

  long checkResults() {
    return cycles.stream().mapToLong(c -> c.results().size()).sum();
  }
}
