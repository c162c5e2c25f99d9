package io.meshwatch.worker.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meshwatch.worker.spec.SpecProblem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The body of an apply: a spec (or ODCS contract) as YAML or JSON, told apart by Content-Type.
 * JSON is checked as JSON first, so a syntax error names JSON's line and column rather than YAML's
 * reading of it; the text then goes to the spec loader either way (JSON is YAML), which keeps one
 * set of rules for both.
 */
final class SpecRequest {

  private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private SpecRequest() {}

  /** What the body holds. */
  sealed interface Read {
    /** The body's text, and whether it came as JSON or YAML. */
    record Text(String text, String format) implements Read {}

    /** Not a spec this API can read; answered with this problem. */
    record Refused(int status, String title, String detail, List<ProblemError> errors) implements Read {}
  }

  static Read read(String contentType, byte[] body) {
    String format = format(contentType);
    if (format == null) {
      return new Read.Refused(415, "unsupported media type", "Content-Type must be application/yaml or application/json (a spec"
          + " or an ODCS contract), got " + (contentType == null ? "none" : "'" + CommandBodies.printable(contentType) + "'"),
          List.of());
    }
    if (body.length == 0) {
      return new Read.Refused(400, "empty body", "the body must be a spec as " + format.toUpperCase(Locale.ROOT), List.of());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return new Read.Refused(400, "not UTF-8", "the body must be UTF-8 text", List.of());
    }
    if (format.equals("json")) {
      try (JsonParser parser = STRICT_JSON.createParser(text)) {
        STRICT_JSON.readTree(parser);
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        Integer line = at == null || at.getLineNr() < 1 ? null : at.getLineNr();
        Integer column = at == null || at.getColumnNr() < 1 ? null : at.getColumnNr();
        String message = "not valid JSON: " + CommandBodies.printable(e.getOriginalMessage());
        return new Read.Refused(400, "malformed JSON", message + (line == null ? "" : " (line " + line + ", column " + column + ")"),
            List.of(new ProblemError(SpecProblem.DOCUMENT, line, column, message, null)));
      } catch (java.io.IOException e) {
        return new Read.Refused(400, "malformed JSON", "the body cannot be read as JSON", List.of());
      }
    }
    return new Read.Text(text, format);
  }

  /** {@code json}, {@code yaml}, or null for any other media type. */
  private static String format(String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/json" -> "json";
      case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml" -> "yaml";
      default -> null;
    };
  }

  /**
   * True when the spec loader refused the text as YAML at all (syntax, several documents) rather
   * than as a spec: a malformed request (400), not an invalid spec (422).
   */
  static boolean malformed(SpecProblem problem) {
    return problem.path().equals(SpecProblem.DOCUMENT) && problem.message().startsWith("not valid YAML");
  }
}
