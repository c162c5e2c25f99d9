package io.meshwatch.worker.config;

/**
 * Whether a {@link SecretSource} would yield a secret, and where it was looked for in words
 * ({@code environment variable SLACK_BOT_TOKEN: set}). Never the secret.
 */
public record SecretAvailability(boolean found, String description) {}
