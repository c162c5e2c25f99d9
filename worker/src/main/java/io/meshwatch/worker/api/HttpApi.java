package io.meshwatch.worker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's HTTP server: Prometheus metrics, a health check, the OpenAPI document, and the
 * endpoints of the {@link RouteGroup}s it is given (products, incidents, Slack interactivity). Every
 * read under /api passes {@link CommandAuth} (open while no token is configured); changes are
 * checked by their group, which knows the product's domain. Errors are JSON problem details
 * (RFC 9457), including those Javalin raises itself (oversized body, wrong method); no stack trace
 * reaches a client.
 */
public final class HttpApi implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  /** The largest request body accepted: a spec is a few kilobytes, and the spec loader's cap is the same. */
  static final long MAX_REQUEST_BYTES = 1 << 20;
  /** The largest request line and header block accepted (Jetty's default, set here so refusals can name it). */
  static final int MAX_HEADER_BYTES = 8 * 1024;
  /** Set on a request once {@link #problem} answered it, so the error mappers leave the answer alone. */
  private static final String PROBLEM_WRITTEN = "meshwatch.problem";
  private static final List<HandlerType> METHODS =
      List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final Javalin app;
  private final List<RouteGroup> groups;

  private HttpApi(Javalin app, List<RouteGroup> groups) {
    this.app = app;
    this.groups = groups;
  }

  /**
   * Serves on {@code port} (0: a free one) /metrics, /health, the OpenAPI document and every
   * group's endpoints. {@code metrics} renders the Prometheus exposition text for each scrape.
   */
  public static HttpApi start(int port, CommandAuth auth, Supplier<String> metrics, RouteGroup... groups) {
    List<RouteGroup> added = new ArrayList<>(List.of(groups));
    AtomicReference<Javalin> self = new AtomicReference<>();
    added.add(new OpenApiDocument());
    Javalin app = Javalin.create(config -> {
      config.http.maxRequestSize = MAX_REQUEST_BYTES;
      // A known path asked with the wrong method is a 405 naming the allowed ones, not a 404.
      config.http.prefer405over404 = true;
      config.startup.showJavalinBanner = false;
      // Requests Jetty refuses before any route sees them (a malformed request line or header, a
      // header block over the limit, a NUL or an ambiguous segment in the path) would otherwise be
      // answered with Jetty's HTML error page, which names the server's insides, or with no body at all.
      config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler(MAX_HEADER_BYTES)));
      config.jetty.modifyHttpConfiguration(http -> {
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        // Jetty's per-connection header cache matches values case-insensitively by default and hands back
        // the value first seen: after the real token, "Bearer <TOKEN IN UPPER CASE>" arrived as the real one.
        http.setHeaderCacheCaseSensitive(true);
      });
      config.routes.get("/health", ctx -> json(ctx, 200, Map.of("status", "ok")));
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()));
      config.routes.before("/api/*", ctx -> {
        // Reads need any valid token once tokens exist; the OpenAPI document describes, it holds no data.
        boolean read = ctx.method().equals(HandlerType.GET) || ctx.method().equals(HandlerType.HEAD);
        if (read && !ctx.path().equals(OpenApiDocument.PATH) && auth.admit(ctx, ApiAction.READ, Optional.empty()).isEmpty()) {
          ctx.skipRemainingHandlers();
        }
      });
      added.forEach(group -> group.addTo(config.routes));
      config.routes.exception(HttpResponseException.class, (e, ctx) -> {
        // Javalin's own refusals (body over maxRequestSize, method not allowed): the same problem shape as ours.
        switch (e.getStatus()) {
          case 404 -> problem(ctx, 404, "not found", "no route " + ctx.path());
          case 413 -> problem(ctx, 413, "request too large", "the body is larger than the limit of " + MAX_REQUEST_BYTES
              + " bytes (1 MiB)");
          case 405 -> {
            String allowed = allowed(self.get(), ctx.path());
            if (!allowed.isEmpty()) {
              ctx.header("Allow", allowed);
            }
            problem(ctx, 405, "method not allowed", ctx.method() + " is not allowed on " + ctx.path()
                + (allowed.isEmpty() ? "" : "; allowed: " + allowed));
          }
          default -> problem(ctx, e.getStatus(), e.getMessage() == null ? "request refused" : e.getMessage().toLowerCase(Locale.ROOT),
              "the request was refused (HTTP " + e.getStatus() + ")");
        }
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        log.error("request {} {} failed", ctx.method(), ctx.path(), e);
        problem(ctx, 500, "internal error", "the request could not be completed; see the worker log");
      });
      config.routes.error(404, ctx -> {
        // Our own 404s are problem documents already; Javalin's "endpoint not found" answer is replaced.
        if (ctx.attribute(PROBLEM_WRITTEN) == null) {
          problem(ctx, 404, "not found", "no route " + ctx.path());
        }
      });
    });
    self.set(app);
    app.start(port);
    return new HttpApi(app, List.copyOf(added));
  }

  public int port() {
    return app.port();
  }

  /** Every endpoint the server routes, method and path template ({@code /api/products/{domain}/{name}}), sorted. */
  public List<Route> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> METHODS.contains(endpoint.method))
        .map(endpoint -> new Route(endpoint.method.name(), endpoint.path))
        .distinct()
        .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
        .toList();
  }

  /** One routed endpoint. */
  public record Route(String method, String path) {}

  private static String allowed(Javalin app, String path) {
    if (app == null) {
      return "";
    }
    return METHODS.stream()
        .filter(method -> !app.unsafe.internalRouter.findHttpHandlerEntries(method, path).isEmpty())
        .map(HandlerType::name)
        .collect(Collectors.joining(", "));
  }

  static void json(Context ctx, int status, Object body) throws JsonProcessingException {
    ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
  }

  static void problem(Context ctx, int status, String title, String detail) {
    problem(ctx, status, title, detail, List.of());
  }

  /** A problem document; {@code errors}, when any, lists every single problem with where it is ({@link ProblemError}). */
  static void problem(Context ctx, int status, String title, String detail, List<ProblemError> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    ctx.attribute(PROBLEM_WRITTEN, true);
    try {
      ctx.status(status).contentType("application/problem+json").result(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.status(status).result(title);
    }
  }


  @Override
  public void close() {
    app.stop();
    for (RouteGroup group : groups) {
      try {
        group.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", group.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
