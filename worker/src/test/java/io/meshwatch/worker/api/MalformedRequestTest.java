package io.meshwatch.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.worker.governance.Governance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests Jetty refuses while parsing, before any route sees them — a malformed request line, a
 * header block or URI over the limit, bad percent-encoding, a bad Host header, control characters in
 * a header — sent as raw bytes over a socket (an HTTP client would refuse to send them). Each must be
 * answered like every other refusal of the API: a problem document with the right status, no HTML,
 * no stack, no server name, none of the bad input echoed; and each is a product registration that
 * must register nothing.
 */
class MalformedRequestTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Put into every bad part of a request, so an answer echoing it is caught. */
  private static final String MARKER = "zq7marker";

  private static IncidentApiFixture fixture;
  private static HttpApi server;

  @BeforeAll
  static void serve() {
    fixture = new IncidentApiFixture(STORE.database());
    CommandAuth auth = new CommandAuth(ApiTokens.none());
    server = fixture.serve(auth, fixture.products(auth, Governance.none()));
  }

  @AfterAll
  static void stop() {
    server.close();
    fixture.close();
  }

  static Stream<Arguments> refusals() throws Exception {
    String spec = ProductApiTest.reference();
    return Stream.of(
        Arguments.of("a request line with an unknown HTTP version", 505,
            request("PUT /api/products?" + MARKER + " NOT-HTTP", "Content-Type: application/yaml", spec)),
        Arguments.of("a request line of garbage", 400,
            request(MARKER + "\u0001\u0002 garbage", "Content-Type: application/yaml", spec)),
        Arguments.of("a header block over the limit", 431,
            request("PUT /api/products HTTP/1.1", "Content-Type: application/yaml\r\nX-Padding: " + MARKER + "x".repeat(20_000), spec)),
        Arguments.of("a URI over the limit", 414,
            request("PUT /api/products?" + MARKER + "=" + "a".repeat(20_000) + " HTTP/1.1", "Content-Type: application/yaml", spec)),
        Arguments.of("bad percent-encoding in the path", 400,
            request("PUT /api/products/%zz" + MARKER + "%g1 HTTP/1.1", "Content-Type: application/yaml", spec)),
        Arguments.of("a Host header that is no host", 400,
            request("PUT /api/products HTTP/1.1", "Host: " + MARKER + " bad host:port:x\r\nContent-Type: application/yaml", spec, false)),
        Arguments.of("no Host header in HTTP/1.1", 400,
            request("PUT /api/products?" + MARKER + " HTTP/1.1", "Content-Type: application/yaml", spec, false)),
        Arguments.of("two Host headers", 400,
            request("PUT /api/products HTTP/1.1", "Host: localhost\r\nHost: " + MARKER + ".example\r\nContent-Type: application/yaml",
                spec, false)),
        Arguments.of("a control character in a header value", 400,
            request("PUT /api/products HTTP/1.1", "Content-Type: application/yaml\r\nX-Note: " + MARKER + "\u0001\u0007", spec)),
        Arguments.of("a control character in a header name", 400,
            request("PUT /api/products HTTP/1.1", "Content-Type: application/yaml\r\nX-" + MARKER + "\u0002: value", spec)),
        Arguments.of("a non-ASCII byte in a header name", 400,
            request("PUT /api/products HTTP/1.1", "Content-Type: application/yaml\r\nX-" + MARKER + "\u00e9: value", spec)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void isAnsweredWithAProblemDocumentAndChangesNothing(String why, int status, byte[] request) throws Exception {
    Answer answer = send(request);

    assertThat(answer.status()).as(why + ": " + answer.raw()).isEqualTo(status);
    assertThat(answer.header("content-type")).as(why + ": " + answer.raw()).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("type").asText()).isEqualTo("about:blank");
    assertThat(problem.path("status").asInt()).as(why).isEqualTo(status);
    assertThat(problem.path("title").asText()).as(why).isNotBlank();
    assertThat(problem.path("detail").asText()).as(why).isNotBlank();
    assertThat(answer.raw().toLowerCase(Locale.ROOT)).as(why + ": nothing of the request or the server's insides")
        .doesNotContain(MARKER)
        .doesNotContain("<html")
        .doesNotContain("jetty")
        .doesNotContain("exception")
        .doesNotContain("\tat ");
    assertThat(STORE.database().registry().findActive()).as(why + ": nothing registered").isEmpty();
  }

  /** A request as raw bytes: the request line, the headers (Host first unless {@code withHost} is false), the body. */
  private static byte[] request(String requestLine, String headers, String body) {
    return request(requestLine, headers, body, true);
  }

  private static byte[] request(String requestLine, String headers, String body, boolean withHost) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = requestLine + "\r\n" + (withHost ? "Host: localhost\r\n" : "") + headers + "\r\n"
        + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(bytes);
    return out.toByteArray();
  }

  /** An HTTP/1.1 answer as read off the socket. */
  private record Answer(int status, String head, String body) {
    String raw() {
      return head + "\r\n\r\n" + body;
    }

    String header(String name) {
      return head.lines().skip(1)
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
          .map(line -> line.substring(name.length() + 1).strip())
          .findFirst().orElse("");
    }
  }

  private static Answer send(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException refusedMidway) {
        // The server may answer and close before it has read all of an oversized request.
      }
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      int split = raw.indexOf("\r\n\r\n");
      assertThat(split).as("an HTTP answer: " + raw).isPositive();
      String head = raw.substring(0, split);
      String body = raw.substring(split + 4);
      if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new Answer(Integer.parseInt(head.split(" ", 3)[1]), head, body);
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
