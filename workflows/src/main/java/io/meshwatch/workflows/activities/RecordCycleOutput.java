package io.meshwatch.workflows.activities;

/** Output of {@link StoreActivities#recordCycle}: how many check results were written (upserted). */
public record RecordCycleOutput(int resultsWritten) {}
