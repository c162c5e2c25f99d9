package io.meshwatch.worker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals — requests it cannot parse or will not route (a malformed request line, a URI
 * or header block over the limit, bad percent-encoding, a bad Host header, control characters in a
 * header, a path with an encoded NUL or '..' segment) — as problem documents like every other answer
 * of the API. Jetty's default is an HTML page, and none at all for a PUT or a PATCH. The detail says
 * what kind of thing was wrong, never what the request said: Jetty's reason for a bad message can
 * quote the offending bytes, so it is not passed on; nor is any stack or server name.
 */
final class ProblemErrorHandler extends ErrorHandler {

  private final int headerLimitBytes;

  /** {@code headerLimitBytes}: the request line and header block limit the connector enforces, named in 414 and 431 answers. */
  ProblemErrorHandler(int headerLimitBytes) {
    this.headerLimitBytes = headerLimitBytes;
  }

  /** A problem document whatever the method: an API's clients send PUT and PATCH as well. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title(code));
    body.put("status", code);
    body.put("detail", detail(code));
    byte[] bytes;
    try {
      bytes = HttpApi.JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      bytes = ("{\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static String title(int code) {
    return switch (code) {
      case 400 -> "bad request";
      case 414 -> "uri too long";
      case 431 -> "request header fields too large";
      case 505 -> "http version not supported";
      default -> {
        String reason = HttpStatus.getMessage(code);
        yield reason == null ? "request refused" : reason.toLowerCase(Locale.ROOT);
      }
    };
  }

  private String detail(int code) {
    return switch (code) {
      case 400 -> "the request is malformed and was refused before routing: a bad request line, bad percent-encoding,"
          + " a missing, repeated or invalid Host header, a control or non-ASCII character in a header, or a path with an"
          + " encoded NUL, '/' or '..' segment";
      case 414 -> "the request line is longer than the limit of " + headerLimitBytes + " bytes";
      case 431 -> "the request line and headers are larger than the limit of " + headerLimitBytes + " bytes";
      case 505 -> "only HTTP/1.0 and HTTP/1.1 are served";
      default -> "the request was refused (HTTP " + code + ")";
    };
  }
}
