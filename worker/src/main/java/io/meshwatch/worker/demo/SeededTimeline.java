package io.meshwatch.worker.demo;

import io.meshwatch.activities.expr.ExpressionKind;
import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.worker.demo.Episode.Kind;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckPlan;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.model.ProductStates;
import io.meshwatch.workflows.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Replays a product's monitor over a stretch of the past: the cycles it would have recorded, given
 * the product's loads ({@link Cadence}) and what went wrong ({@link Episode}s). It follows the
 * monitor's rules — evaluate when the data version changed, the state from
 * {@link ProductStates#derive}, a late state since its deadline, the freshness result recorded with
 * every evaluation or when its outcome changes, one incident per breach — so the stored timeline,
 * results and scores are those a running monitor would have left.
 *
 * <p>Cycles come every hour on the hour, and also where something happens: at a deadline (the
 * monitor's timer), a few minutes after a load lands, when the owner pauses and resumes. Aggregates
 * only: counts and ratios, never values. Pure: the same input gives the same cycles.
 */
final class SeededTimeline {

  /** How long after a load lands the monitor's next poll sees it. */
  private static final Duration SEEN_AFTER = Duration.ofMinutes(2);

  private final ProductSpec spec;
  private final long specVersion;
  private final Cadence cadence;
  private final double warnShare;
  private final List<Episode> episodes;
  private final long seed;
  private final List<Check> checks;
  /** Custom checks over the whole scope ({@code count(*) > 0}) rather than row by row, by id. */
  private final Set<String> aggregates = new HashSet<>();

  SeededTimeline(ProductSpec spec, long specVersion, Cadence cadence, double warnShare, List<Episode> episodes, long seed) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.specVersion = specVersion;
    this.cadence = Objects.requireNonNull(cadence, "cadence");
    this.warnShare = warnShare;
    this.episodes = List.copyOf(episodes);
    this.seed = seed;
    this.checks = CheckPlan.of(spec).stream().filter(c -> !(c instanceof Check.Freshness)).toList();
    ExpressionParser parser = new ExpressionParser();
    for (Check check : checks) {
      if (check instanceof Check.Custom custom && parser.parseAccepted(custom.expr()).kind() == ExpressionKind.AGGREGATE_PREDICATE) {
        aggregates.add(custom.id());
      }
    }
    for (Episode episode : episodes) {
      for (String checkId : episode.checkIds()) {
        if (checks.stream().noneMatch(c -> c.id().equals(checkId))) {
          throw new IllegalArgumentException(spec.id() + " has no check " + checkId);
        }
      }
    }
  }

  /** The cycles from {@code from} to {@code to} (both on the hour, both included). */
  SeededProduct run(Instant from, Instant to) {
    Monitor monitor = new Monitor();
    for (Instant at : cycleTimes(from, to)) {
      monitor.cycle(at);
    }
    if (monitor.breach != null) {
      throw new IllegalStateException(spec.id() + " is still in breach at the end of its seeded history: " + monitor.breach.incidentId);
    }
    return new SeededProduct(spec, monitor.cycles, monitor.breaches);
  }

  private NavigableSet<Instant> cycleTimes(Instant from, Instant to) {
    TreeSet<Instant> times = new TreeSet<>();
    for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofHours(1))) {
      times.add(t);
    }
    for (Episode episode : episodes) {
      switch (episode.kind()) {
        case LATE -> {
          times.add(episode.start());
          times.add(episode.end().plus(SEEN_AFTER));
        }
        case FAILING -> times.add(episode.end().plus(SEEN_AFTER));
        case UNREACHABLE -> {
          times.add(episode.start());
          times.add(episode.end().plus(Duration.ofMinutes(1)));
        }
        case PAUSED -> {
          times.add(episode.start());
          times.add(episode.end());
        }
        case WORKER_DOWN -> times.add(episode.end());
      }
    }
    times.removeIf(t -> t.isBefore(from) || t.isAfter(to) || covering(Kind.WORKER_DOWN, t) != null);
    return times;
  }

  /** The monitor's state between cycles, as the workflow keeps it. */
  private final class Monitor {
    final List<RecordCycleInput> cycles = new ArrayList<>();
    final List<Breach> breaches = new ArrayList<>();
    String dataVersion;
    List<CheckResult> results = List.of();
    FreshnessAssessment freshness;
    ProductState state;
    Instant since;
    int evaluations;
    boolean evaluateRequested;
    OpenBreach breach;

    void cycle(Instant at) {
      if (covering(Kind.PAUSED, at) != null) {
        paused(at);
        return;
      }
      boolean unreachable = covering(Kind.UNREACHABLE, at) != null;
      FreshnessAssessment now = unreachable
          ? FreshnessAssessment.error("connection " + spec.output().connectionOrDefault() + " unreachable: connection refused")
          : assess(at);
      String version = unreachable ? null : version(at);
      boolean dataChanged = version == null || !version.equals(dataVersion);
      boolean evaluate = !unreachable && (dataChanged || evaluateRequested || evaluations == 0);
      evaluateRequested = false;
      RandomGenerator random = DemoScript.random(seed, at);
      long rows = evaluate ? Math.round(cadence.rows() * (0.9 + 0.2 * random.nextDouble())) : 0;
      if (evaluate) {
        results = evaluate(at, rows, random);
        evaluations++;
      }

      ProductState next = ProductStates.derive(false, now, results);
      if (next != state || since == null) {
        since = next == ProductState.LATE && now.lateSince() != null ? now.lateSince() : at;
      }
      boolean freshnessChanged = freshness == null || freshness.outcome() != now.outcome();
      List<CheckResult> recorded = evaluate || freshnessChanged ? withFreshness(now, evaluate ? results : List.of(), at) : List.of();
      cycles.add(new RecordCycleInput(spec.id(), specVersion, at, next, since, now, version, evaluate, recorded,
          evaluate ? 1 : 0, evaluate ? 1 : 0, rows, evaluate ? 40 + random.nextInt(360) : 0, 0, 0));

      if (!unreachable) {
        dataVersion = version;
      }
      freshness = now;
      state = next;
      observe(at, now);
    }

    /** Paused: the monitor records the state, measures nothing, and evaluates on resuming. */
    void paused(Instant at) {
      if (state != ProductState.PAUSED) {
        state = ProductState.PAUSED;
        since = at;
      }
      evaluateRequested = true;
      cycles.add(new RecordCycleInput(spec.id(), specVersion, at, ProductState.PAUSED, since, freshness, dataVersion, false, List.of(),
          0, 0, 0, 0, 0, 0));
    }

    /** One incident per breach, opened at the cycle that saw it and resolved at the one that saw the recovery. */
    void observe(Instant at, FreshnessAssessment now) {
      if (state.breach()) {
        if (breach == null) {
          List<FailingCheck> failing = new ArrayList<>();
          for (CheckResult result : withFreshness(now, results, at)) {
            if (result.outcome() == Outcome.FAIL) {
              Instant failingSince = result.kind() == CheckKind.FRESHNESS && now.lateSince() != null ? now.lateSince() : at;
              failing.add(new FailingCheck(result, failingSince));
            }
          }
          Episode cause = covering(state == ProductState.LATE ? Kind.LATE : Kind.FAILING, since);
          breach = new OpenBreach(IncidentInput.idFor(spec.id(), since), state, at, failing, cause != null && cause.expected());
        }
      } else if (breach != null && (state == ProductState.HEALTHY || state == ProductState.WARNING)) {
        breaches.add(new Breach(breach.incidentId, breach.state, breach.openedAt, breach.failing, at, state, breach.expected));
        breach = null;
      }
    }
  }

  private record OpenBreach(String incidentId, ProductState state, Instant openedAt, List<FailingCheck> failing, boolean expected) {}

  /** Freshness at {@code at}: late while a late episode holds the loads back, else on time. */
  private FreshnessAssessment assess(Instant at) {
    Instant lastUpdated = lastLanding(at);
    Episode late = covering(Kind.LATE, at);
    if (late != null) {
      return new FreshnessAssessment(Outcome.FAIL, lastUpdated, late.start().minus(cadence.deadline()), late.start(), late.start(),
          null, null);
    }
    Instant due = cadence.dueAtOrBefore(at);
    Instant deadline = due.plus(cadence.deadline());
    Instant nextCheck = deadline.isAfter(at) ? deadline : deadline.plus(cadence.every());
    return new FreshnessAssessment(Outcome.PASS, lastUpdated, due, deadline, null, nextCheck, null);
  }

  /** The data version the probe sees at {@code at}: which load landed last. */
  private String version(Instant at) {
    return "load-" + lastLanding(at).getEpochSecond();
  }

  /** When the newest load visible at {@code at} landed: a due load, or a corrected one. */
  private Instant lastLanding(Instant at) {
    Instant due = cadence.dueAtOrBefore(at);
    Instant landed = landing(due);
    while (landed.isAfter(at)) {
      due = due.minus(cadence.every());
      landed = landing(due);
    }
    for (Episode episode : episodes) {
      if (episode.kind() == Kind.FAILING && !episode.end().isAfter(at) && episode.end().isAfter(landed)) {
        landed = episode.end();
      }
    }
    return landed;
  }

  /** A load lands a few minutes after it is due, or, held back by a late episode, when it ends. */
  private Instant landing(Instant due) {
    for (Episode episode : episodes) {
      if (episode.kind() == Kind.LATE && !due.isBefore(episode.start().minus(cadence.deadline())) && due.isBefore(episode.end())) {
        return episode.end();
      }
    }
    RandomGenerator random = DemoScript.random(seed, due);
    return due.plus(Duration.ofMinutes(cadence.minLagMinutes() + random.nextInt(cadence.maxLagMinutes() - cadence.minLagMinutes() + 1)))
        .plusSeconds(random.nextInt(60));
  }

  /** Every planned check's result (freshness aside) for the load evaluated at {@code at}. */
  private List<CheckResult> evaluate(Instant at, long rows, RandomGenerator random) {
    Episode failing = covering(Kind.FAILING, at);
    List<String> failingIds = failing == null ? List.of() : failing.checkIds();
    // One bad batch: the same rows lack values in every check that counts them.
    long bad = Math.max(1, Math.round(rows * (0.004 + 0.008 * DemoScript.random(seed, failing == null ? at : failing.start()).nextDouble())));
    List<CheckResult> results = new ArrayList<>(checks.size());
    for (Check check : checks) {
      boolean fails = failingIds.contains(check.id());
      results.add(switch (check) {
        case Check.Freshness f -> throw new IllegalStateException("freshness is probed, not evaluated");
        case Check.SchemaConformance s ->
            new CheckResult(s.id(), s.kind(), Outcome.PASS, (double) s.columns().size(), (double) s.columns().size(), 0L, null, null);
        case Check.NotNull n -> fails
            ? new CheckResult(n.id(), n.kind(), Outcome.FAIL, (double) bad, 0.0, bad, rows, bad + " NULL values in " + n.column())
            : new CheckResult(n.id(), n.kind(), Outcome.PASS, 0.0, 0.0, 0L, rows, null);
        case Check.Completeness c -> fails
            ? new CheckResult(c.id(), c.kind(), Outcome.FAIL, (rows - bad) / (double) rows, c.threshold(), bad, rows,
                "complete rows below " + c.threshold())
            : new CheckResult(c.id(), c.kind(), Outcome.PASS, 1.0, c.threshold(), 0L, rows, null);
        case Check.PiiConformance p -> {
          long violations = fails ? rows / 25 + random.nextInt(20) : 0;
          yield new CheckResult(p.id(), p.kind(), fails ? Outcome.FAIL : Outcome.PASS, (double) violations, 0.0, violations, rows,
              fails ? violations + " values of " + p.column() + " not " + p.handling().name().toLowerCase(Locale.ROOT) : null);
        }
        case Check.Custom c -> custom(c, fails, rows, random);
      });
    }
    return results;
  }

  private CheckResult custom(Check.Custom check, boolean fails, long rows, RandomGenerator random) {
    if (aggregates.contains(check.id())) {
      return new CheckResult(check.id(), check.kind(), fails ? outcome(check) : Outcome.PASS, fails ? 0.0 : 1.0, null, null, rows,
          fails ? "false over the scope" : null);
    }
    long tolerance = (long) check.tolerance();
    long violations;
    if (fails) {
      violations = tolerance + 1 + rows / 40 + random.nextInt(20);
    } else if (check.severity() == Severity.WARN && random.nextDouble() < warnShare) {
      violations = tolerance + 1 + random.nextInt(25);
    } else {
      violations = check.severity() == Severity.WARN ? random.nextInt((int) tolerance + 1) : 0;
    }
    boolean over = violations > check.tolerance();
    return new CheckResult(check.id(), check.kind(), over ? outcome(check) : Outcome.PASS, (double) violations, check.tolerance(),
        violations, rows, over ? violations + " rows violate " + check.name() : null);
  }

  private static Outcome outcome(Check.Custom check) {
    return check.severity() == Severity.WARN ? Outcome.WARN : Outcome.FAIL;
  }

  /** The freshness result first, then the others, as the monitor records them. */
  private List<CheckResult> withFreshness(FreshnessAssessment freshness, List<CheckResult> results, Instant at) {
    Double ageHours = freshness.lastUpdated() == null ? null : Duration.between(freshness.lastUpdated(), at).toMillis() / 3_600_000.0;
    String message = freshness.reason();
    if (message == null && freshness.late()) {
      message = "late since " + freshness.lateSince() + " (deadline " + freshness.deadline() + ")";
    }
    List<CheckResult> all = new ArrayList<>(results.size() + 1);
    all.add(new CheckResult("freshness", CheckKind.FRESHNESS, freshness.outcome(), ageHours, spec.quality().freshnessSlaHours(), null,
        null, message));
    all.addAll(results);
    return all;
  }

  private Episode covering(Kind kind, Instant at) {
    for (Episode episode : episodes) {
      if (episode.kind() == kind && episode.covers(at)) {
        return episode;
      }
    }
    return null;
  }
}
