package io.meshwatch.workflows.activities;

/** Output of {@link StoreActivities#recordIncident}: false when the transition was already stored (a retry). */
public record RecordIncidentOutput(boolean recorded) {}
