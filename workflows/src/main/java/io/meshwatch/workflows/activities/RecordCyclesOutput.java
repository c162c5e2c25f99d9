package io.meshwatch.workflows.activities;

/** Output of {@link StoreActivities#recordCycles}: how many cycles and check results were written (upserted). */
public record RecordCyclesOutput(int cyclesRecorded, int resultsWritten) {}
