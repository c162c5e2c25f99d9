package io.meshwatch.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwatch.worker.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's configuration reference stays complete: every key of the built-in defaults
 * has a row with its environment override, and no row names a key the worker does not have.
 */
class DeployOperationsDocTest {

  @Test
  void everyDefaultKeyHasARowWithItsEnvironmentOverride() throws IOException {
    String doc = Files.readString(DeployFiles.root().resolve("docs/operations.md"));
    List<String> keys = defaultKeys();
    assertThat(keys).contains("temporal.tls.client_cert", "store.url", "warehouses", "http.api_tokens", "escalation.reminder_every");
    for (String key : keys) {
      String row = rowOf(doc, key);
      assertThat(row).as("a row for `%s` in docs/operations.md", key).isNotNull();
      if (!isNamedSection(key)) {
        assertThat(row).as("`%s`'s row names its override", key).contains("`" + ConfigLoader.envName(key) + "`");
      }
    }
  }

  @Test
  void everyRowIsAKeyOfTheDefaults() throws IOException {
    String doc = Files.readString(DeployFiles.root().resolve("docs/operations.md"));
    List<String> keys = defaultKeys();
    List<String> rows = new ArrayList<>();
    for (String line : doc.split("\n")) {
      if (line.startsWith("| `")) {
        rows.add(line.substring(3, line.indexOf('`', 3)));
      }
    }
    assertThat(rows).hasSizeGreaterThanOrEqualTo(keys.size());
    for (String row : rows) {
      // A key inside a named section (warehouses.NAME.format) stands for its section of the defaults.
      String key = row.replaceFirst("^(warehouses|teams|http\\.api_tokens)\\.[A-Z]+\\..+$", "$1");
      assertThat(keys).as("row `%s` is a key of meshwatch-defaults.yaml", row).contains(key);
    }
  }

  private static boolean isNamedSection(String key) {
    return List.of("warehouses", "teams", "http.api_tokens").contains(key);
  }

  /** The table row whose first cell is {@code `key`}, or null. */
  private static String rowOf(String doc, String key) {
    for (String line : doc.split("\n")) {
      if (line.startsWith("| `" + key + "` |")) {
        return line;
      }
    }
    return null;
  }

  /** Every key of meshwatch-defaults.yaml: leaves by their dotted path, named sections as themselves. */
  private static List<String> defaultKeys() throws IOException {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/meshwatch-defaults.yaml")) {
      List<String> keys = new ArrayList<>();
      collect(DeployFiles.yaml(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)), "", keys);
      return keys;
    }
  }

  private static void collect(JsonNode node, String prefix, List<String> keys) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (field.getValue().isObject() && !isNamedSection(path)) {
        collect(field.getValue(), path, keys);
      } else {
        keys.add(path);
      }
    }
  }
}
