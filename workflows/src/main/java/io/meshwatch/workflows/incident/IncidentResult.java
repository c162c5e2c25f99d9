package io.meshwatch.workflows.incident;

import java.time.Instant;

/** Output of {@link IncidentWorkflow#run}: how and when the incident ended. */
public record IncidentResult(String incidentId, Resolution resolution, Actor resolvedBy, Instant resolvedAt) {}
