package io.meshwatch.worker.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.meshwatch.activities.store.DomainScore;
import io.meshwatch.activities.store.Period;
import io.meshwatch.activities.store.ProductScore;
import io.meshwatch.activities.store.ScoreStore;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/scores?period=<period>[&domain=<domain>]}: the scores of every product, domain and
 * the whole mesh over a period (docs/scores.md), and the same for the period before it
 * ({@link Period#previous()}), so a report shows its trend from one answer that reads one state of the
 * store. A read, open like the other reads of the API. With {@code domain}, products and domains are
 * that domain's; {@code overall} stays the whole mesh.
 */
public final class ScoreApi implements RouteGroup {

  private final ScoreStore scores;

  public ScoreApi(ScoreStore scores) {
    this.scores = Objects.requireNonNull(scores, "scores");
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/scores", this::scores);
  }

  private void scores(Context ctx) throws Exception {
    String periodText = ctx.queryParam("period");
    if (periodText == null || periodText.isBlank()) {
      HttpApi.problem(ctx, 400, "bad query", "period: required, such as 2026-Q3, 2026-03, 2026-W09, 2026-03-01 or"
          + " 2026-03-01T00:00:00Z/2026-03-08T00:00:00Z");
      return;
    }
    Period period;
    try {
      period = Period.parse(periodText);
    } catch (IllegalArgumentException e) {
      HttpApi.problem(ctx, 400, "bad query", "period: " + e.getMessage().replaceAll("\\p{Cntrl}", "?"));
      return;
    }
    String domain = ctx.queryParam("domain");
    if (domain != null && !IncidentKey.validSegment(domain)) {
      HttpApi.problem(ctx, 400, "bad query", "domain: must be a domain name such as orders, got '"
          + CommandBodies.printable(domain) + "'");
      return;
    }
    ScoreViews.Scores current = read(period, domain);
    ScoreViews.Scores previous = read(period.previous(), domain);
    if (domain != null && current.domains().isEmpty() && previous.domains().isEmpty()) {
      HttpApi.problem(ctx, 404, "domain not found", "no product of domain '" + domain + "' was registered in " + period.label()
          + " or " + previous.period().label());
      return;
    }
    HttpApi.json(ctx, 200, ScoreViews.answer(domain, current, previous));
  }

  private ScoreViews.Scores read(Period period, String domain) {
    List<ProductScore> products = scores.products(period);
    List<DomainScore> domains = scores.domains(period);
    if (domain != null) {
      products = products.stream().filter(p -> p.product().domain().equals(domain)).toList();
      domains = domains.stream().filter(d -> d.domain().equals(domain)).toList();
    }
    return new ScoreViews.Scores(period, scores.overall(period), domains, products);
  }
}
