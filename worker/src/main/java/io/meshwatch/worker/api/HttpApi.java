package io.meshwatch.worker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.meshwatch.activities.store.RegisteredProduct;
import io.meshwatch.activities.store.ResultStore;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.worker.runtime.ProductDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's HTTP server: product status as JSON, Prometheus metrics, a health check, and the
 * endpoints of the {@link RouteGroup}s it is given (incidents, Slack interactivity). Errors are JSON
 * problem details; no stack trace reaches a client.
 */
public final class HttpApi implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Javalin app;
  private final List<RouteGroup> groups;

  private HttpApi(Javalin app, List<RouteGroup> groups) {
    this.app = app;
    this.groups = groups;
  }

  /**
   * Serves on {@code port} (0: a free one) the product endpoints, /metrics, /health and every group's
   * endpoints. {@code metrics} renders the Prometheus exposition text for each scrape.
   */
  public static HttpApi start(
      int port, ProductDirectory products, ResultStore results, Supplier<String> metrics, RouteGroup... groups) {
    List<RouteGroup> added = List.of(groups);
    Javalin app = Javalin.create(config -> {
      config.http.maxRequestSize = 1 << 20;
      config.startup.showJavalinBanner = false;
      config.routes.get("/health", ctx -> json(ctx, 200, Map.of("status", "ok")));
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()));
      config.routes.get("/api/products", ctx -> json(ctx, 200, ProductViews.list(products)));
      config.routes.get("/api/products/{domain}/{name}", ctx -> {
        ProductId id = new ProductId(ctx.pathParam("domain"), ctx.pathParam("name"));
        Optional<RegisteredProduct> product = products.find(id);
        if (product.isEmpty()) {
          problem(ctx, 404, "product not found", "no product " + id + " is registered");
          return;
        }
        json(ctx, 200, ProductViews.detail(product.get(), products.status(id).orElse(null), results));
      });
      added.forEach(group -> group.addTo(config.routes));
      config.routes.exception(Exception.class, (e, ctx) -> {
        log.error("request {} {} failed", ctx.method(), ctx.path(), e);
        problem(ctx, 500, "internal error", "the request could not be completed; see the worker log");
      });
      config.routes.error(404, ctx -> {
        if (ctx.result() == null) {
          problem(ctx, 404, "not found", "no route " + ctx.path());
        }
      });
    }).start(port);
    return new HttpApi(app, added);
  }

  public int port() {
    return app.port();
  }

  static void json(Context ctx, int status, Object body) throws JsonProcessingException {
    ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
  }

  static void problem(Context ctx, int status, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
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
