package io.meshwatch.workflows.monitor;

/** Signal: the product was retired; the monitor ends (its history stays in the store). */
public record RetireRequest(String requestedBy) {}
