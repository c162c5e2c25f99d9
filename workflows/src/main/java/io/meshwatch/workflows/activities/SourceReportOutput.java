package io.meshwatch.workflows.activities;

/**
 * Output of {@link SourceActivities#report}: the workflow id of the connection's outage workflow
 * that took the report, or null when there was nothing to tell (an up report with no outage
 * running).
 */
public record SourceReportOutput(String outageWorkflowId) {}
