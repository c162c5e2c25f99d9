package io.meshwatch.worker.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the API described in OpenAPI 3.1. The document is written by hand
 * ({@value #RESOURCE}, kept next to the code it describes) and served as JSON; a test holds it to
 * the routes the server really has, in both directions.
 */
public final class OpenApiDocument implements RouteGroup {

  static final String PATH = "/api/openapi.json";
  static final String RESOURCE = "/openapi.yaml";

  private final String json;

  public OpenApiDocument() {
    try {
      this.json = HttpApi.JSON.writeValueAsString(read());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document as a tree. */
  public static JsonNode read() throws IOException {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the OpenAPI document " + RESOURCE + " is missing from the classpath");
      }
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get(PATH, ctx -> ctx.contentType("application/json").result(json));
  }
}
