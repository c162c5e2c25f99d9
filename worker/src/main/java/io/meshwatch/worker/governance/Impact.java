package io.meshwatch.worker.governance;

/** What a spec change means to the product's consumers (see docs/governance.md). */
public enum Impact {
  /** Readers may fail or silently read something else: tell the consumers before deploying. */
  BREAKING,
  /** The schema or output changes in a way readers absorb. */
  COMPATIBLE,
  /** Ownership, description, quality checks, SLA, escalation, alerting: no effect on what readers read. */
  NON_SCHEMA
}
