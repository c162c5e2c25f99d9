package io.meshwatch.workflows.incident;

/**
 * Signal from the monitor: the product's warehouse connection is unreachable ({@code inhibited}) or
 * reachable again. While inhibited the incident sends nothing and its ladder waits: the one
 * source-unavailable incident speaks for the outage.
 */
public record SourceInhibition(boolean inhibited, String connection) {}
