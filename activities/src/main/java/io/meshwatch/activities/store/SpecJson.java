package io.meshwatch.activities.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshwatch.workflows.model.ProductSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored form of a {@link ProductSpec}: canonical JSON, so the same spec always gives the same
 * text and hash whatever order its YAML came in. Properties are sorted, instants are ISO-8601
 * strings, and nulls are left out, so adding an optional field to the model later does not change
 * the hash of specs that do not use it.
 */
public final class SpecJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // Specs written by a newer meshwatch stay readable by an older one during a rolling upgrade.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  private SpecJson() {}

  /** The canonical JSON text of a spec. */
  public static String canonical(ProductSpec spec) {
    try {
      return MAPPER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("spec of " + spec.id() + " cannot be written as JSON", e);
    }
  }

  /** Reads a spec from JSON written by {@link #canonical} (key order does not matter). */
  public static ProductSpec parse(String json) {
    try {
      return MAPPER.readValue(json, ProductSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored spec is not a readable ProductSpec: " + e.getOriginalMessage(), e);
    }
  }

  /** Lower-case hex SHA-256 of the canonical JSON text (UTF-8). */
  public static String sha256(String canonicalJson) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonicalJson.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
