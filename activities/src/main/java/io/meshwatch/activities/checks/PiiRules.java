package io.meshwatch.activities.checks;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.workflows.model.PiiHandling;

/**
 * How the values of a {@code pii: true} column are checked against their declared handling. Each
 * rule reads the value's text form; NULL conforms to every handling (it carries nothing).
 *
 * <ul>
 *   <li>{@code hashed}: the whole value is a hex digest of 32 to 128 hex digits (MD5 to SHA-512).
 *   <li>{@code masked}: an empty value, or one that holds a run of at least three mask characters
 *       ({@code *}, {@code #}, {@code X} or {@code x}), as in {@code ****1234} or {@code j***@x.com}.
 *   <li>{@code redacted}: after trimming and ignoring case, empty, only mask characters, or a
 *       redaction marker: {@code redacted}, {@code [redacted]}, {@code <redacted>}, {@code (redacted)}.
 *   <li>{@code tokenized}, {@code encrypted}: not evaluated. A format-preserving token looks like the
 *       value it replaces and ciphertext has no shape that tells it from other bytes, so no rule on
 *       the values is sound.
 * </ul>
 */
final class PiiRules {

  static final String HEX_DIGEST = "[0-9a-fA-F]{32,128}";
  static final String HEX_RUN = "[0-9a-fA-F]+";
  static final int DIGEST_MIN_LENGTH = 32;
  static final int DIGEST_MAX_LENGTH = 128;
  static final String MASK_RUN = "[*#Xx]{3}";
  static final String REDACTION = "[*#x]*|redacted|\\[redacted\\]|<redacted>|\\(redacted\\)";

  private PiiRules() {}

  /**
   * The SQL condition that is true for a row whose value breaks the rule, or null when the
   * handling cannot be verified from values. {@code isText}: the column is already a string type,
   * read as it is (a no-op cast still costs the engines a pass over the values).
   */
  static String violation(PiiHandling handling, String column, boolean isText, Dialect dialect) {
    String text = isText ? column : dialect.asText(column);
    return switch (handling) {
      case HASHED -> "(" + column + " IS NOT NULL AND NOT " + hexDigest(text, dialect) + ")";
      case MASKED -> "(" + column + " IS NOT NULL AND trim(" + text + ") <> '' AND NOT "
          + dialect.containsMatch(text, MASK_RUN) + ")";
      case REDACTED -> "(" + column + " IS NOT NULL AND NOT "
          + dialect.fullMatch("lower(trim(" + text + "))", REDACTION) + ")";
      case TOKENIZED, ENCRYPTED -> null;
    };
  }

  /**
   * The whole value is 32 to 128 hex digits. RE2 (DuckDB, BigQuery) runs the bounded repetition as
   * a small automaton and is fastest with it; PostgreSQL's engine ran {@code {32,128}} at about 30 µs
   * a row, and Snowflake's is of the same family, so there the rule is a hex run plus a length range
   * — the same rule, about 10× cheaper on PostgreSQL.
   */
  private static String hexDigest(String text, Dialect dialect) {
    return switch (dialect) {
      case DUCKDB, BIGQUERY -> dialect.fullMatch(text, HEX_DIGEST);
      case POSTGRES, SNOWFLAKE -> "(length(" + text + ") BETWEEN " + DIGEST_MIN_LENGTH + " AND " + DIGEST_MAX_LENGTH
          + " AND " + dialect.fullMatch(text, HEX_RUN) + ")";
    };
  }

  /** The rule in words, for messages. */
  static String describe(PiiHandling handling) {
    return switch (handling) {
      case HASHED -> "a hex digest of 32 to 128 hex digits";
      case MASKED -> "masked with a run of at least three *, #, X or x characters";
      case REDACTED -> "empty, only mask characters, or a marker such as [REDACTED]";
      case TOKENIZED -> "a token";
      case ENCRYPTED -> "ciphertext";
    };
  }

  /** Why a handling is not evaluated; null for the handlings that are. */
  static String notEvaluatedReason(PiiHandling handling) {
    return switch (handling) {
      case HASHED, MASKED, REDACTED -> null;
      case TOKENIZED -> "tokenized values cannot be told from raw values by their shape (a format-preserving"
          + " token looks like the value it replaces); check tokenization in the pipeline that writes the product";
      case ENCRYPTED -> "encrypted values have no shape that tells ciphertext from other data; check encryption"
          + " in the pipeline that writes the product";
    };
  }
}
