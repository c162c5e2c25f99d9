package io.meshwatch.workflows.activities;

/** Output of {@link AlertActivities#notify}: whether a sink delivered the alert (false: duplicate). */
public record NotifyOutput(boolean delivered) {}
