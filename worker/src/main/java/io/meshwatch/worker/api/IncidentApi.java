package io.meshwatch.worker.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.meshwatch.activities.store.IncidentHistory;
import io.meshwatch.activities.store.IncidentStore;
import io.meshwatch.workflows.model.ProductId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident endpoints. Reads come from the store and are guarded like every read of the API
 * ({@link HttpApi}): {@code GET /api/incidents?state=open|all}, a product's incidents, one incident
 * with its transitions. Commands — {@code POST .../acknowledge|snooze|resolve} on an incident or on
 * a product's open incident — pass {@link CommandAuth} for the incident's domain (a platform token,
 * or an owner of that domain), are validated, and are signalled to the incident's workflow: 202 with
 * the incident's id once Temporal has the signal.
 */
public final class IncidentApi implements RouteGroup {

  private static final Logger log = LoggerFactory.getLogger(IncidentApi.class);
  private static final List<String> VERBS = List.of("acknowledge", "snooze", "resolve");
  static final int DEFAULT_LIMIT = IncidentStore.DEFAULT_RECENT;
  static final int MAX_LIMIT = 1000;

  private final IncidentStore store;
  private final IncidentActions actions;
  private final CommandAuth auth;

  public IncidentApi(IncidentStore store, IncidentActions actions, CommandAuth auth) {
    this.store = Objects.requireNonNull(store, "store");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.auth = Objects.requireNonNull(auth, "auth");
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/incidents", this::list);
    routes.get("/api/incidents/{domain}/{name}", this::ofProduct);
    routes.get("/api/incidents/{domain}/{name}/{opened}", this::one);
    for (String verb : VERBS) {
      routes.post("/api/incidents/{domain}/{name}/{opened}/" + verb, ctx -> onIncident(ctx, verb));
      routes.post("/api/products/{domain}/{name}/incident/" + verb, ctx -> onProduct(ctx, verb));
    }
  }

  private void list(Context ctx) throws Exception {
    String state = ctx.queryParam("state");
    String limitText = ctx.queryParam("limit");
    int limit = DEFAULT_LIMIT;
    if (limitText != null) {
      if (!limitText.matches("\\d{1,4}") || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > MAX_LIMIT) {
        HttpApi.problem(ctx, 400, "bad query", "limit: must be a number from 1 to " + MAX_LIMIT);
        return;
      }
      limit = Integer.parseInt(limitText);
    }
    if (state == null || state.equals("open")) {
      HttpApi.json(ctx, 200, IncidentViews.list(store.findOpen()));
    } else if (state.equals("all")) {
      HttpApi.json(ctx, 200, IncidentViews.list(store.findRecent(limit)));
    } else {
      HttpApi.problem(ctx, 400, "bad query", "state: must be open or all, got '" + CommandBodies.printable(state) + "'");
    }
  }

  private void ofProduct(Context ctx) throws Exception {
    Optional<ProductId> product = product(ctx);
    if (product.isPresent()) {
      HttpApi.json(ctx, 200, IncidentViews.list(store.findByProduct(product.get())));
    }
  }

  private void one(Context ctx) throws Exception {
    Optional<IncidentKey> key = key(ctx);
    if (key.isEmpty()) {
      return;
    }
    Optional<IncidentHistory> history = store.find(key.get().id());
    if (history.isEmpty()) {
      HttpApi.problem(ctx, 404, "incident not found", "no incident " + key.get().id() + " is recorded");
      return;
    }
    HttpApi.json(ctx, 200, IncidentViews.detail(history.get()));
  }

  private void onIncident(Context ctx, String verb) throws Exception {
    Optional<ApiCaller> caller = authorize(ctx);
    Optional<IncidentKey> key = caller.isEmpty() ? Optional.empty() : key(ctx);
    Optional<IncidentCommand> command = key.isEmpty() ? Optional.empty() : command(ctx, verb, caller.get());
    if (command.isPresent()) {
      perform(ctx, key.get().id(), command.get());
    }
  }

  private void onProduct(Context ctx, String verb) throws Exception {
    Optional<ApiCaller> caller = authorize(ctx);
    Optional<ProductId> product = caller.isEmpty() ? Optional.empty() : product(ctx);
    Optional<IncidentCommand> command = product.isEmpty() ? Optional.empty() : command(ctx, verb, caller.get());
    if (command.isEmpty()) {
      return;
    }
    Optional<String> open = actions.openIncidentOf(product.get());
    if (open.isEmpty()) {
      HttpApi.problem(ctx, 404, "no open incident", "product " + product.get() + " has no open incident");
      return;
    }
    perform(ctx, open.get(), command.get());
  }

  private void perform(Context ctx, String incidentId, IncidentCommand command) throws Exception {
    switch (actions.perform(incidentId, command)) {
      case ActionResult.Accepted accepted -> {
        log.info("{} of {} by {} via {}: signalled", command.verb(), incidentId, command.by().name(), command.by().via());
        ctx.header("Location", "/api/incidents/" + incidentId.substring(IncidentKey.PREFIX.length()));
        HttpApi.json(ctx, 202, IncidentViews.accepted(incidentId, command));
      }
      case ActionResult.NotFound notFound -> HttpApi.problem(ctx, 404, "incident not found", notFound.detail());
      case ActionResult.Unavailable unavailable -> {
        log.warn("{} of {}: {}", command.verb(), incidentId, unavailable.detail());
        HttpApi.problem(ctx, 503, "temporal unavailable", unavailable.detail() + "; try again");
      }
    }
  }

  /** The caller when it may act on the product's incidents; empty after answering 401 or 403. */
  private Optional<ApiCaller> authorize(Context ctx) {
    String domain = ctx.pathParam("domain");
    return auth.admit(ctx, ApiAction.ACT_ON_INCIDENTS, Optional.of(domain));
  }

  /** The command the body asks for; empty after answering 400. */
  private static Optional<IncidentCommand> command(Context ctx, String verb, ApiCaller caller) {
    String via = CommandBodies.via(ctx.header(CommandBodies.CLIENT_HEADER));
    return switch (CommandBodies.read(verb, ctx.body(), caller.tokenName(), via)) {
      case CommandBodies.Parsed.Valid valid -> Optional.of(valid.command());
      case CommandBodies.Parsed.Invalid invalid -> {
        HttpApi.problem(ctx, 400, "bad " + verb + " request", String.join("; ", invalid.problems()));
        yield Optional.empty();
      }
    };
  }

  private static Optional<ProductId> product(Context ctx) {
    String domain = ctx.pathParam("domain");
    String name = ctx.pathParam("name");
    if (!IncidentKey.validSegment(domain) || !IncidentKey.validSegment(name)) {
      HttpApi.problem(ctx, 400, "bad product id", "a product id is <domain>/<name>, such as orders/orders-daily");
      return Optional.empty();
    }
    return Optional.of(new ProductId(domain, name));
  }

  private static Optional<IncidentKey> key(Context ctx) {
    try {
      return Optional.of(IncidentKey.of(ctx.pathParam("domain"), ctx.pathParam("name"), ctx.pathParam("opened")));
    } catch (IllegalArgumentException e) {
      HttpApi.problem(ctx, 400, "bad incident id", e.getMessage());
      return Optional.empty();
    }
  }
}
