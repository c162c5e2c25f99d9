package io.meshwatch.activities.warehouse;

/** Why a warehouse call failed, for the expected failures that become ERROR results. */
public enum WarehouseFailure {
  /** The warehouse could not be reached or opened. */
  UNREACHABLE,
  /** The warehouse refused the credentials or the role. */
  AUTHENTICATION,
  /** The product's table (or database) does not exist. */
  TABLE_NOT_FOUND,
  /** A column the query needs no longer exists (dropped between the catalog read and the scan). */
  COLUMN_NOT_FOUND,
  /** The statement ran past its timeout and was cancelled. */
  TIMEOUT,
  /** The data raised an error while being evaluated (overflow, conversion). */
  DATA_ERROR,
  /** The warehouse refused the statement for another reason. */
  QUERY_ERROR,
  /** The table uses a feature meshwatch cannot read correctly yet (Delta deletion vectors, column mapping). */
  UNSUPPORTED,
  /** A quota or rate limit of the warehouse account was reached (BigQuery quotaExceeded, rateLimitExceeded). */
  QUOTA_EXCEEDED,
  /** The statement would cost more than the connection allows (BigQuery's maximum bytes billed). */
  COST_LIMIT
}
