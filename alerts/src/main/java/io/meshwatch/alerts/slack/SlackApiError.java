package io.meshwatch.alerts.slack;

/**
 * Slack answered a call with {@code "ok": false}: the method and Slack's error code
 * ({@code channel_not_found}, {@code users_not_found}, {@code invalid_auth}, ...). Callers handle the
 * codes they expect; the sink turns the rest into an activity failure.
 */
final class SlackApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String method;
  private final String error;

  SlackApiError(String method, String error, String where) {
    super(method + " failed: " + error + (where == null ? "" : " (" + where + ")"));
    this.method = method;
    this.error = error == null ? "unknown_error" : error;
  }

  String method() {
    return method;
  }

  String error() {
    return error;
  }
}
