package io.meshwatch.workflows.source;

import java.time.Instant;

/** Output of {@link SourceOutageWorkflow#run}: every product came back at {@code endedAt}; the last incident it opened (null: none). */
public record SourceOutageResult(String connection, String lastIncidentId, Instant endedAt) {}
