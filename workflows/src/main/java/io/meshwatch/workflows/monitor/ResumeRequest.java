package io.meshwatch.workflows.monitor;

/** Signal: resume a paused monitor; it evaluates at once. */
public record ResumeRequest(String requestedBy) {}
