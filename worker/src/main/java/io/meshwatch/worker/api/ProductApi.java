package io.meshwatch.worker.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.meshwatch.activities.store.ApplyOutcome;
import io.meshwatch.activities.store.ApplyResult;
import io.meshwatch.activities.store.RegisteredProduct;
import io.meshwatch.activities.store.RegistryStore;
import io.meshwatch.activities.store.ResultStore;
import io.meshwatch.activities.store.SpecJson;
import io.meshwatch.activities.store.SpecVersion;
import io.meshwatch.worker.governance.PolicyViolation;
import io.meshwatch.worker.governance.PolicyViolationException;
import io.meshwatch.worker.governance.SpecDiff;
import io.meshwatch.worker.runtime.ProductDirectory;
import io.meshwatch.worker.runtime.ProductRegistrar;
import io.meshwatch.worker.spec.SpecLoader;
import io.meshwatch.worker.spec.SpecProblem;
import io.meshwatch.worker.spec.SpecResult;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.temporal.client.WorkflowException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product endpoints: the platform team's interface to the registry (docs/api.md).
 *
 * <ul>
 *   <li>{@code GET /api/products?domain=&owner=&status=}: active products with their live state;
 *   <li>{@code PUT /api/products}: apply a spec (YAML or JSON, ODCS contracts too) — created, updated or
 *       unchanged; {@code ?dry_run=true} says what would change, with the schema diff against the
 *       registered spec, and stores nothing;
 *   <li>{@code GET /api/products/{domain}/{name}}: spec, lifecycle, live status and latest results;
 *   <li>{@code DELETE /api/products/{domain}/{name}}: retire (history kept; again is harmless);
 *   <li>{@code GET /api/products/{domain}/{name}/versions}: the registration history;
 *   <li>{@code POST /api/products/{domain}/{name}/evaluate}: evaluate now (202).
 * </ul>
 *
 * Reads pass {@link HttpApi}'s guard; applying and retiring need a platform token, evaluating a
 * platform token or the product's domain owner (or, without tokens, a local caller).
 */
public final class ProductApi implements RouteGroup {

  private static final Logger log = LoggerFactory.getLogger(ProductApi.class);
  /** Without tokens, a local caller may say who it is (the CLI sends the user name); with one, the token's name is who acts. */
  static final String ACTOR_HEADER = "X-Meshwatch-Actor";
  private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
  /** Domains and names are lower-case DNS labels, as the spec loader requires of metadata.domain and metadata.name. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final String SOURCE = "request";

  private final ProductRegistrar registrar;
  private final ProductDirectory directory;
  private final RegistryStore registry;
  private final ResultStore results;
  private final SpecLoader loader;
  private final ProductMonitors monitors;
  private final CommandAuth auth;
  private final Clock clock;

  public ProductApi(ProductRegistrar registrar, ProductDirectory directory, RegistryStore registry, ResultStore results,
      SpecLoader loader, ProductMonitors monitors, CommandAuth auth, Clock clock) {
    this.registrar = Objects.requireNonNull(registrar, "registrar");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.results = Objects.requireNonNull(results, "results");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.monitors = Objects.requireNonNull(monitors, "monitors");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/products", this::list);
    routes.put("/api/products", this::apply);
    routes.get("/api/products/{domain}/{name}", this::detail);
    routes.delete("/api/products/{domain}/{name}", this::retire);
    routes.get("/api/products/{domain}/{name}/versions", this::versions);
    routes.post("/api/products/{domain}/{name}/evaluate", this::evaluate);
  }

  private void list(Context ctx) throws Exception {
    String status = ctx.queryParam("status");
    Optional<ProductState> state = Optional.empty();
    if (status != null) {
      state = Arrays.stream(ProductState.values()).filter(s -> s.name().equalsIgnoreCase(status.strip())).findFirst();
      if (state.isEmpty()) {
        HttpApi.problem(ctx, 400, "bad query", "status: must be one of " + Arrays.toString(ProductState.values())
            + ", got '" + CommandBodies.printable(status) + "'");
        return;
      }
    }
    String domain = ctx.queryParam("domain");
    String owner = ctx.queryParam("owner");
    List<Map<String, Object>> out = new ArrayList<>();
    for (RegisteredProduct product : directory.active()) {
      if ((domain != null && !domain.equals(product.id().domain())) || (owner != null && !owner.equals(product.spec().owner()))) {
        continue;
      }
      Map<String, Object> summary = ProductViews.summary(product, directory.status(product.id()).orElse(null));
      if (state.isEmpty() || state.get() == summary.get("state")) {
        out.add(summary);
      }
    }
    HttpApi.json(ctx, 200, out);
  }

  private void detail(Context ctx) throws Exception {
    Optional<RegisteredProduct> product = productId(ctx).flatMap(id -> known(ctx, id));
    if (product.isPresent()) {
      ProductId id = product.get().id();
      HttpApi.json(ctx, 200, ProductViews.detail(product.get(), directory.status(id).orElse(null), results));
    }
  }

  private void versions(Context ctx) throws Exception {
    Optional<RegisteredProduct> product = productId(ctx).flatMap(id -> known(ctx, id));
    if (product.isEmpty()) {
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (SpecVersion version : registry.versions(product.get().id())) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("version", version.version());
      row.put("sha256", version.sha256());
      row.put("appliedBy", version.appliedBy());
      row.put("appliedAt", version.appliedAt());
      row.put("current", version.version() == product.get().version());
      out.add(row);
    }
    HttpApi.json(ctx, 200, out);
  }

  private void apply(Context ctx) throws Exception {
    Optional<Boolean> dryRun = dryRun(ctx);
    if (dryRun.isEmpty()) {
      return;
    }
    // A dry run stores nothing: whoever may read may ask what an apply would change (a CI check with a viewer token).
    Optional<ApiCaller> caller = auth.admit(ctx, dryRun.get() ? ApiAction.READ : ApiAction.APPLY, Optional.empty());
    Optional<Optional<String>> actor = caller.isEmpty() ? Optional.empty() : localActor(ctx);
    if (actor.isEmpty()) {
      return;
    }
    Optional<Loaded> body = load(ctx);
    if (body.isEmpty()) {
      return;
    }
    SpecResult.Valid loaded = body.get().spec();
    ProductSpec spec = loaded.spec();
    List<PolicyViolation> violations = registrar.governance().check(spec);
    if (!violations.isEmpty()) {
      refuse(ctx, new PolicyViolationException(spec.id(), violations));
      return;
    }
    if (dryRun.get()) {
      HttpApi.json(ctx, 200, plan(spec, loaded));
      return;
    }
    String by = caller.get().name(actor.get());
    ApplyResult result;
    try {
      result = registrar.register(spec, body.get().text(), by);
    } catch (PolicyViolationException e) {
      refuse(ctx, e);
      return;
    } catch (WorkflowException e) {
      // The version is stored; the monitor learns of it at the next apply or the worker's next start.
      log.warn("apply of {} by {}: stored, but the monitor could not be reached: {}", spec.id(), by, e.toString());
      HttpApi.problem(ctx, 503, "temporal unavailable", "the spec of " + spec.id() + " is stored, but its monitor could not be"
          + " reached; apply again (it is idempotent)");
      return;
    }
    log.info("apply of {} by {}: {} (version {})", spec.id(), by, result.outcome(), result.version());
    HttpApi.json(ctx, 200, applied(result.product(), result.version(), result.outcome(), loaded));
  }

  private void retire(Context ctx) throws Exception {
    Optional<ProductId> id = productId(ctx);
    Optional<ApiCaller> caller = id.isEmpty() ? Optional.empty() : auth.admit(ctx, ApiAction.RETIRE, Optional.of(id.get().domain()));
    Optional<Optional<String>> actor = caller.isEmpty() ? Optional.empty() : localActor(ctx);
    Optional<RegisteredProduct> product = actor.isEmpty() ? Optional.empty() : known(ctx, id.get());
    if (product.isEmpty()) {
      return;
    }
    String by = caller.get().name(actor.get());
    boolean retiredNow = product.get().active() && registry.retire(id.get(), by, clock.instant());
    // Told even when the registry had it retired already: a monitor a failed retire left running stops now.
    if (monitors.retire(id.get(), by) instanceof ProductMonitors.Signal.Unavailable unavailable) {
      log.warn("retire of {} by {}: stored, but {}", id.get(), by, unavailable.detail());
      HttpApi.problem(ctx, 503, "temporal unavailable", id.get() + " is retired in the registry, but its monitor could not be"
          + " told (" + unavailable.detail() + "); retire again (it is harmless)");
      return;
    }
    RegisteredProduct retired = registry.find(id.get()).orElseThrow();
    log.info("retire of {} by {}: {}", id.get(), by, retiredNow ? "retired" : "already retired");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("product", id.get().toString());
    body.put("outcome", retiredNow ? "retired" : "already retired");
    body.put("version", retired.version());
    body.put("retiredAt", retired.retiredAt());
    body.put("retiredBy", retired.retiredBy());
    HttpApi.json(ctx, 200, body);
  }

  private void evaluate(Context ctx) throws Exception {
    Optional<ProductId> id = productId(ctx);
    Optional<ApiCaller> caller = id.isEmpty() ? Optional.empty() : auth.admit(ctx, ApiAction.EVALUATE, Optional.of(id.get().domain()));
    Optional<Optional<String>> actor = caller.isEmpty() ? Optional.empty() : localActor(ctx);
    Optional<RegisteredProduct> product = actor.isEmpty() ? Optional.empty() : known(ctx, id.get());
    if (product.isEmpty()) {
      return;
    }
    if (!product.get().active()) {
      HttpApi.problem(ctx, 409, "product retired", id.get() + " was retired at " + product.get().retiredAt()
          + "; apply its spec to monitor it again");
      return;
    }
    String by = caller.get().name(actor.get());
    switch (monitors.evaluateNow(id.get(), by)) {
      case ProductMonitors.Signal.Sent sent -> {
        log.info("evaluate of {} by {}: signalled", id.get(), by);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product", id.get().toString());
        body.put("status", "accepted");
        body.put("requestedBy", by);
        ctx.header("Location", "/api/products/" + id.get());
        HttpApi.json(ctx, 202, body);
      }
      case ProductMonitors.Signal.NotRunning notRunning -> HttpApi.problem(ctx, 409, "monitor not running", "no monitor runs for "
          + id.get() + "; the worker starts one for every active product when it starts, and apply starts one");
      case ProductMonitors.Signal.Unavailable unavailable ->
          HttpApi.problem(ctx, 503, "temporal unavailable", unavailable.detail() + "; try again");
    }
  }

  /** A valid spec and the text it was read from, which the registry keeps with the version. */
  private record Loaded(String text, SpecResult.Valid spec) {}

  /** The spec in the body, valid; empty after answering 400, 413, 415 or 422. */
  private Optional<Loaded> load(Context ctx) {
    SpecRequest.Read read = SpecRequest.read(ctx.contentType(), ctx.bodyAsBytes());
    switch (read) {
      case SpecRequest.Read.Refused refused -> {
        HttpApi.problem(ctx, refused.status(), refused.title(), refused.detail(), refused.errors());
        return Optional.empty();
      }
      case SpecRequest.Read.Text text -> {
        SpecResult result = loader.load(SOURCE, text.text());
        if (result instanceof SpecResult.Valid valid) {
          return Optional.of(new Loaded(text.text(), valid));
        }
        List<SpecProblem> errors = result.problems();
        List<ProblemError> listed = errors.stream().map(ProblemError::of).toList();
        if (errors.stream().anyMatch(SpecRequest::malformed)) {
          SpecProblem first = errors.stream().filter(SpecRequest::malformed).findFirst().orElseThrow();
          HttpApi.problem(ctx, 400, "malformed YAML", (first.line() > 0 ? "line " + first.line() + ": " : "") + first.message(), listed);
        } else {
          HttpApi.problem(ctx, 422, "invalid spec", errors.size() + " error" + (errors.size() == 1 ? "" : "s") + " in the spec;"
              + " nothing was registered", listed);
        }
        return Optional.empty();
      }
    }
  }

  private static void refuse(Context ctx, PolicyViolationException e) {
    List<PolicyViolation> violations = e.violations();
    HttpApi.problem(ctx, 422, "policy violation", e.product() + " breaks " + violations.size() + " governance polic"
        + (violations.size() == 1 ? "y" : "ies") + " (" + String.join(", ", violations.stream().map(PolicyViolation::policy)
        .distinct().toList()) + "); nothing was registered", violations.stream().map(ProblemError::of).toList());
  }

  /** What applying {@code spec} would do, and how it differs from the registered spec. */
  private Map<String, Object> plan(ProductSpec spec, SpecResult.Valid loaded) {
    Optional<RegisteredProduct> current = registry.find(spec.id());
    if (current.isEmpty()) {
      Map<String, Object> body = applied(spec.id(), 1, ApplyOutcome.CREATED, loaded);
      body.put("dryRun", true);
      body.put("diff", null);
      return body;
    }
    String registeredSha = registry.findSpec(spec.id(), current.get().version()).orElseThrow().version().sha256();
    boolean same = registeredSha.equals(SpecJson.sha256(SpecJson.canonical(spec)));
    long version = same ? current.get().version() : current.get().version() + 1;
    ApplyOutcome outcome = !current.get().active() ? ApplyOutcome.REACTIVATED : same ? ApplyOutcome.UNCHANGED : ApplyOutcome.UPDATED;
    Map<String, Object> body = applied(spec.id(), version, outcome, loaded);
    body.put("dryRun", true);
    body.put("diff", diff(SpecDiff.between(current.get().spec(), spec)));
    return body;
  }

  private static Map<String, Object> applied(ProductId product, long version, ApplyOutcome outcome, SpecResult.Valid loaded) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("product", product.toString());
    body.put("version", version);
    // A retired product applied again is an update that also brings it back.
    body.put("outcome", outcome == ApplyOutcome.REACTIVATED ? "updated" : outcome.name().toLowerCase(Locale.ROOT));
    body.put("reactivated", outcome == ApplyOutcome.REACTIVATED);
    body.put("warnings", loaded.warnings().stream().map(ProblemError::of).toList());
    return body;
  }

  static Map<String, Object> diff(SpecDiff diff) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("product", diff.product().toString());
    view.put("hasBreaking", diff.hasBreaking());
    view.put("changes", diff.changes());
    view.put("affectedConsumers", diff.affectedConsumers());
    return view;
  }

  /** {@code ?dry_run=true|false}; empty after answering 400. */
  private static Optional<Boolean> dryRun(Context ctx) {
    String value = ctx.queryParam("dry_run");
    if (value == null || value.equals("false")) {
      return Optional.of(false);
    }
    if (value.equals("true")) {
      return Optional.of(true);
    }
    HttpApi.problem(ctx, 400, "bad query", "dry_run: must be true or false, got '" + CommandBodies.printable(value) + "'");
    return Optional.empty();
  }

  /** The name a local caller gives in {@value #ACTOR_HEADER} (empty: none given); empty after answering 400. */
  private static Optional<Optional<String>> localActor(Context ctx) {
    String given = ctx.header(ACTOR_HEADER);
    if (given == null || given.isBlank()) {
      return Optional.of(Optional.empty());
    }
    if (!ACTOR.matcher(given.strip()).matches()) {
      HttpApi.problem(ctx, 400, "bad actor", ACTOR_HEADER + ": must be a name (letters, digits, '_', '.', '@' and '-', at most 64),"
          + " got '" + CommandBodies.printable(given) + "'");
      return Optional.empty();
    }
    return Optional.of(Optional.of(given.strip()));
  }

  private static Optional<ProductId> productId(Context ctx) {
    String domain = ctx.pathParam("domain");
    String name = ctx.pathParam("name");
    if (!LABEL.matcher(domain).matches() || !LABEL.matcher(name).matches()) {
      HttpApi.problem(ctx, 400, "bad product id", "a product id is <domain>/<name>, both lower-case DNS labels, such as"
          + " orders/orders-daily; got '" + CommandBodies.printable(domain + "/" + name) + "'");
      return Optional.empty();
    }
    return Optional.of(new ProductId(domain, name));
  }

  private Optional<RegisteredProduct> known(Context ctx, ProductId id) {
    Optional<RegisteredProduct> product = directory.find(id);
    if (product.isEmpty()) {
      HttpApi.problem(ctx, 404, "product not found", "no product " + id + " is registered");
    }
    return product;
  }
}
