package io.meshwatch.activities.warehouse.bigquery;

import io.meshwatch.activities.warehouse.QueryTag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The labels on every job meshwatch runs, BigQuery's form of the query tag: they show in the job
 * history and in {@code INFORMATION_SCHEMA.JOBS}, and billing exports carry them, so cost can be
 * summed per product and domain. BigQuery allows label values of at most 63 characters of
 * lower-case letters, digits, {@code _} and {@code -}: anything else becomes {@code _}, and a value
 * cut to fit ends with a short hash of the whole, so two long product ids never share a label.
 */
public final class BigQueryLabels {

  /** The product, {@code <domain>_<name>}. */
  public static final String PRODUCT = "meshwatch-product";
  /** The product's domain. */
  public static final String DOMAIN = "meshwatch-domain";
  /** What the job is for: {@code scan} (the fused scan) or {@code probe} (a freshness column's maximum). */
  public static final String PURPOSE = "meshwatch-purpose";

  static final int MAX_LENGTH = 63;
  private static final String PREFIX = "meshwatch:";

  private BigQueryLabels() {}

  /** The labels for a job of {@code purpose} run for the product that {@code tag} names. */
  public static Map<String, String> of(QueryTag tag, String purpose) {
    String subject = tag.value().startsWith(PREFIX) ? tag.value().substring(PREFIX.length()) : tag.value();
    int slash = subject.indexOf('/');
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(PRODUCT, value(subject));
    if (slash > 0) {
      labels.put(DOMAIN, value(subject.substring(0, slash)));
    }
    labels.put(PURPOSE, value(purpose));
    return labels;
  }

  /** A label value for {@code text}: lower case, [a-z0-9_-] only, at most 63 characters. */
  public static String value(String text) {
    StringBuilder value = new StringBuilder(text.length());
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      value.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '_');
    }
    if (value.length() <= MAX_LENGTH) {
      return value.toString();
    }
    String hash = HexFormat.of().formatHex(sha256(text), 0, 4);
    return value.substring(0, MAX_LENGTH - hash.length() - 1) + "-" + hash;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
