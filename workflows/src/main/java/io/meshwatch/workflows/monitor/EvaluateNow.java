package io.meshwatch.workflows.monitor;

/** Signal: probe and scan now, even if the data version has not changed. */
public record EvaluateNow(String requestedBy) {}
