package io.meshwatch.worker.api;

/**
 * What a call to the API does, as roles grant it. Each names itself the way a refusal reads:
 * "role viewer cannot apply products".
 */
public enum ApiAction {
  /** Every GET under /api, and a dry-run apply (it stores nothing). */
  READ("read the API"),
  APPLY("apply products"),
  RETIRE("retire products"),
  EVALUATE("evaluate products"),
  /** Acknowledge, snooze or resolve an incident. */
  ACT_ON_INCIDENTS("acknowledge, snooze or resolve incidents");

  private final String phrase;

  ApiAction(String phrase) {
    this.phrase = phrase;
  }

  /** The action as a verb phrase: {@code apply products}. */
  public String phrase() {
    return phrase;
  }

  /** True for the actions that change something, which only local callers may do while no token is configured. */
  public boolean mutates() {
    return this != READ;
  }
}
