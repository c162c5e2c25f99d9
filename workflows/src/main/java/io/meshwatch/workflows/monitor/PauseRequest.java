package io.meshwatch.workflows.monitor;

/** Signal: stop probing and scanning until resumed; paused time is not counted against availability. */
public record PauseRequest(String requestedBy, String reason) {}
