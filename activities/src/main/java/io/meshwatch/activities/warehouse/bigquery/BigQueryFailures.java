package io.meshwatch.activities.warehouse.bigquery;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Turns BigQuery errors into {@link WarehouseException}s by HTTP status and error reason
 * ({@code notFound}, {@code accessDenied}, {@code quotaExceeded}, {@code bytesBilledLimitExceeded},
 * ...). BigQuery's messages can quote data values ("Bad int64 value: ...") and SQL, so they are read
 * to tell a few cases apart but never passed on.
 */
final class BigQueryFailures {

  private BigQueryFailures() {}

  /** A failed request: {@code what} says what meshwatch was doing ("the scan", "reading table p.d.t"). */
  static WarehouseException of(BigQuerySettings settings, BigQueryException e, String what) {
    BigQueryError error = e.getError();
    if (error == null && e.getErrors() != null && !e.getErrors().isEmpty()) {
      error = e.getErrors().get(0);
    }
    String reason = error != null && error.getReason() != null ? error.getReason() : e.getReason();
    String message = error != null && error.getMessage() != null ? error.getMessage() : e.getMessage();
    if (reason == null && e.getCode() <= 0 && causedByIo(e)) {
      return new WarehouseException(WarehouseFailure.UNREACHABLE, "cannot reach BigQuery for " + what + " ("
          + where(settings) + ", " + ioCause(e) + ")");
    }
    return classify(settings, e.getCode(), reason, message, what);
  }

  /** A job that finished with an error result. */
  static WarehouseException ofJob(BigQuerySettings settings, BigQueryError error, String what) {
    return classify(settings, 0, error.getReason(), error.getMessage(), what);
  }

  private static WarehouseException classify(BigQuerySettings settings, int code, String reason, String message,
      String what) {
    String cause = "(" + (code > 0 ? "HTTP " + code + ", " : "") + (reason == null ? "no reason given" : reason) + ")";
    String where = where(settings);
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    switch (reason == null ? "" : reason) {
      case "notFound" -> {
        return new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND, "BigQuery found no table or dataset for " + what
            + " " + cause + " on " + where + ": it does not exist in that project and location, or the connection's"
            + " account cannot see it");
      }
      case "accessDenied", "authError", "unauthorized", "forbidden" -> {
        return authentication(settings, what, cause);
      }
      case "quotaExceeded", "rateLimitExceeded", "jobRateLimitExceeded" -> {
        return new WarehouseException(WarehouseFailure.QUOTA_EXCEEDED, "BigQuery refused " + what + " " + cause
            + ": a quota or rate limit of project " + settings.project() + " is reached; meshwatch tries again at the"
            + " next poll");
      }
      case "bytesBilledLimitExceeded" -> {
        return new WarehouseException(WarehouseFailure.COST_LIMIT, "BigQuery refused " + what + " " + cause
            + ": it would bill more than the " + ByteSize.format(settings.maximumBytesBilled())
            + " that " + where + " allows one query (maximum_bytes_billed)");
      }
      case "timeout", "stopped" -> {
        return new WarehouseException(WarehouseFailure.TIMEOUT, "BigQuery stopped " + what + " " + cause + " on "
            + where + ": it ran past its " + settings.jobTimeoutMillis() + " ms job timeout or was cancelled");
      }
      case "billingNotEnabled" -> {
        return new WarehouseException(WarehouseFailure.AUTHENTICATION, "BigQuery refused " + what + " " + cause
            + ": billing is not enabled for project " + settings.project() + ", which runs meshwatch's jobs");
      }
      case "backendError", "internalError", "jobBackendError", "jobInternalError" -> {
        return new WarehouseException(WarehouseFailure.UNREACHABLE, "BigQuery failed " + what + " " + cause + " on "
            + where + " and kept failing when retried; meshwatch tries again at the next poll");
      }
      case "invalidQuery", "invalid" -> {
        return invalid(settings, what, cause, text);
      }
      default -> {
        if (code == 401 || code == 403) {
          return authentication(settings, what, cause);
        }
        if (code == 404) {
          return new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND, "BigQuery found nothing for " + what + " "
              + cause + " on " + where);
        }
        if (code >= 500) {
          return new WarehouseException(WarehouseFailure.UNREACHABLE, "BigQuery failed " + what + " " + cause + " on "
              + where + " and kept failing when retried; meshwatch tries again at the next poll");
        }
        return new WarehouseException(WarehouseFailure.QUERY_ERROR, "BigQuery refused " + what + " " + cause + " on "
            + where);
      }
    }
  }

  private static WarehouseException invalid(BigQuerySettings settings, String what, String cause, String text) {
    String where = where(settings);
    if (text.contains("partition elimination")) {
      return new WarehouseException(WarehouseFailure.QUERY_ERROR, "BigQuery refused " + what + " " + cause + " on "
          + where + ": the table requires a filter on its partitioning column; set quality.partition_column to that"
          + " column and quality.lookback");
    }
    if (text.contains("unrecognized name") || text.contains("not found inside")) {
      return new WarehouseException(WarehouseFailure.COLUMN_NOT_FOUND, "a column " + what + " reads no longer exists "
          + cause + " on " + where + "; it was dropped or renamed after the table's schema was read");
    }
    if (text.contains("overflow") || text.contains("division by zero") || text.contains("out of range")
        || text.contains("bad ") || text.contains("could not cast") || text.contains("invalid cast")) {
      return new WarehouseException(WarehouseFailure.DATA_ERROR, "the data raised an error in " + what + " " + cause
          + " on " + where + " (a data exception, for example an overflow or a failed conversion in a custom check)");
    }
    return new WarehouseException(WarehouseFailure.QUERY_ERROR, "BigQuery refused " + what + " " + cause + " on "
        + where);
  }

  private static WarehouseException authentication(BigQuerySettings settings, String what, String cause) {
    return new WarehouseException(WarehouseFailure.AUTHENTICATION, "BigQuery refused the credentials or a permission"
        + " for " + what + " " + cause + " on " + where(settings) + ": the account needs roles/bigquery.jobUser on"
        + " project " + settings.project() + " and roles/bigquery.dataViewer on the product's dataset");
  }

  static String where(BigQuerySettings settings) {
    return "BigQuery connection '" + settings.connection() + "'";
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String ioCause(Throwable e) {
    List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain.isEmpty() ? "I/O failure" : chain.get(chain.size() - 1).getClass().getSimpleName();
  }
}
