package io.meshwatch.worker.cli;

/** {@code -o}: a table (or lines) for people, or JSON for scripts. */
enum OutputFormat { text, json }
