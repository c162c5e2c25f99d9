package io.meshwatch.workflows.activities;

/**
 * Output of {@link IncidentActivities#deliver}: the incident's main message (set by
 * {@link DeliveryIntent#OPENED}, else the one given), and whether anything was sent by this call
 * (false: the outbox showed it was sent before, or no sink serves the audience).
 */
public record DeliveryOutput(MessageRef message, boolean sent) {}
