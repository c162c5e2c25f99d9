package io.meshwatch.activities;

import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.TableColumn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Folds the table's columns into its data version. Engines version their data, not their schema: a
 * column dropped or retyped under a running monitor would leave the version unchanged and the
 * monitor would keep its old results. With the schema in the token, the change triggers an
 * evaluation, which reports the schema check and the checks that read the column.
 */
final class SchemaFingerprint {

  private SchemaFingerprint() {}

  /** {@code dataVersion#<12 hex digits of the columns' digest>}; null stays null (unknown version). */
  static String versionWithSchema(String dataVersion, ResolvedTable table) {
    if (dataVersion == null || table == null) {
      return dataVersion;
    }
    return dataVersion + "#" + of(table);
  }

  static String of(ResolvedTable table) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (TableColumn column : table.columns()) {
        digest.update(column.name().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(column.typeName().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 1);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
