package io.meshwatch.worker.report;

import static io.meshwatch.activities.store.IncidentFixtures.MAIN_MESSAGE;
import static io.meshwatch.activities.store.IncidentFixtures.transition;
import static io.meshwatch.activities.store.StoreFixtures.evaluatedCycle;
import static io.meshwatch.activities.store.StoreFixtures.lateSince;
import static io.meshwatch.activities.store.StoreFixtures.minimalSpec;
import static io.meshwatch.activities.store.StoreFixtures.onTime;
import static io.meshwatch.activities.store.StoreFixtures.probeCycle;
import static io.meshwatch.activities.store.StoreFixtures.result;

import io.meshwatch.activities.store.ResultStore;
import io.meshwatch.activities.store.StatusTimeline;
import io.meshwatch.activities.store.StoreDatabase;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.model.SlaSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A store on embedded PostgreSQL holding half a year of constructed history, recorded once per test
 * class the way monitors record it (cycles through {@link ResultStore}, incidents through the
 * incident store), so that Q3 2026 and Q2 2026 have figures worked out by hand:
 *
 * <pre>
 *                         target   Q3 availability        coverage  quality       breaches (ack / resolve)
 *   orders/orders-daily   99 %     91/92 d = 98.91 %      100 %     (100+50)/2=75  1 (15m / 24h)       missed
 *   orders/orders-hourly  99.9 %   100 %                  100 %     100            0                   met
 *   billing/invoices      99.5 %   100 % of 46 d measured 50 % ⚠    none           0                   met
 *   billing/payments      99 %     99.50 % (11h 02m 24s)  100 %     (75+100)/2=87.5 2 (30m+90m / 2h 15m) met
 * </pre>
 *
 * In Q2 every product was on time and fully covered; quality was 100, 100, none and 50 (payments),
 * and orders-hourly had the one breach (acknowledged after 10m, resolved after 1h).
 */
public final class ScoreHistory implements BeforeAllCallback, AfterAllCallback {

  public static final ProductId ORDERS_DAILY = new ProductId("orders", "orders-daily");
  public static final ProductId ORDERS_HOURLY = new ProductId("orders", "orders-hourly");
  public static final ProductId INVOICES = new ProductId("billing", "invoices");
  public static final ProductId PAYMENTS = new ProductId("billing", "payments");

  static final Instant REGISTERED = Instant.parse("2026-04-01T00:00:00Z");
  static final Instant LAST_CYCLE = Instant.parse("2026-10-03T00:00:00Z");
  /** Cycles every 2 days, so 3 days without one means the monitor was away. */
  static final Duration CADENCE = Duration.ofDays(2);
  static final Duration MAX_CYCLE_GAP = Duration.ofDays(3);

  private EmbeddedPostgres postgres;
  private StoreDatabase database;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    database = StoreDatabase.connect(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    seed(database);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (database != null) {
      database.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  public StoreDatabase database() {
    return database;
  }

  static void seed(StoreDatabase db) {
    db.registry().apply(withTarget(minimalSpec(ORDERS_DAILY), 0.99), null, "alice", REGISTERED);
    db.registry().apply(minimalSpec(ORDERS_HOURLY), null, "alice", REGISTERED);
    db.registry().apply(withTarget(minimalSpec(INVOICES), 0.995), null, "bob", REGISTERED);
    db.registry().apply(withTarget(minimalSpec(PAYMENTS), 0.99), null, "bob", REGISTERED);
    ResultStore results = new ResultStore(db.dsl(), new StatusTimeline(db.dsl(), MAX_CYCLE_GAP), Clock.systemUTC());

    // orders-daily: late for 24 hours in August; two evaluations in Q3 (100 and 50), one in Q2 (100).
    Map<Instant, RecordCycleInput> daily = regularCycles(ORDERS_DAILY, at("2026-08-10T06:00:00Z"), at("2026-08-11T06:00:00Z"));
    evaluation(daily, ORDERS_DAILY, "2026-05-10T12:00:00Z", Outcome.PASS);
    evaluation(daily, ORDERS_DAILY, "2026-07-20T12:00:00Z", Outcome.PASS);
    evaluation(daily, ORDERS_DAILY, "2026-09-20T12:00:00Z", Outcome.FAIL);
    daily.values().forEach(results::recordCycle);

    Map<Instant, RecordCycleInput> hourly = regularCycles(ORDERS_HOURLY, null, null);
    evaluation(hourly, ORDERS_HOURLY, "2026-05-10T12:00:00Z", Outcome.PASS);
    evaluation(hourly, ORDERS_HOURLY, "2026-07-20T12:00:00Z", Outcome.PASS);
    hourly.values().forEach(results::recordCycle);

    // invoices: the monitor was away from August 1 to September 16: 46 of Q3's 92 days measured.
    Map<Instant, RecordCycleInput> invoices = regularCycles(INVOICES, null, null);
    invoices.keySet().removeIf(t -> t.isAfter(at("2026-08-01T00:00:00Z")) && t.isBefore(at("2026-09-16T00:00:00Z")));
    invoices.values().forEach(results::recordCycle);

    // payments: late for 0.5 % of Q3 (11h 02m 24s of 2208 hours); quality 75 and 100 in Q3, 50 in Q2.
    Instant paymentsLate = at("2026-09-05T00:00:00Z");
    Map<Instant, RecordCycleInput> payments = regularCycles(PAYMENTS, paymentsLate, paymentsLate.plusSeconds(39_744));
    evaluation(payments, PAYMENTS, "2026-05-10T12:00:00Z", Outcome.FAIL);
    evaluation(payments, PAYMENTS, "2026-07-20T12:00:00Z", Outcome.WARN);
    evaluation(payments, PAYMENTS, "2026-09-20T12:00:00Z", Outcome.PASS);
    payments.values().forEach(results::recordCycle);

    breach(db, ORDERS_DAILY, at("2026-08-10T06:00:00Z"), Duration.ofMinutes(15), Duration.ofHours(24));
    breach(db, PAYMENTS, paymentsLate, Duration.ofMinutes(30), Duration.ofMinutes(135));
    breach(db, PAYMENTS, at("2026-09-20T08:00:00Z"), Duration.ofMinutes(90), null);
    breach(db, ORDERS_HOURLY, at("2026-05-20T08:00:00Z"), Duration.ofMinutes(10), Duration.ofHours(1));
  }

  /**
   * On-time probe cycles every {@link #CADENCE} from registration to after Q3, and, when
   * {@code lateFrom} is given, a late episode [lateFrom, lateUntil): a late cycle where it starts,
   * an on-time one where it ends, no cycle between.
   */
  private static Map<Instant, RecordCycleInput> regularCycles(ProductId product, Instant lateFrom, Instant lateUntil) {
    Map<Instant, RecordCycleInput> cycles = new TreeMap<>();
    for (Instant t = REGISTERED; !t.isAfter(LAST_CYCLE); t = t.plus(CADENCE)) {
      boolean late = lateFrom != null && !t.isBefore(lateFrom) && t.isBefore(lateUntil);
      Instant since = lateUntil != null && !t.isBefore(lateUntil) ? lateUntil : REGISTERED;
      if (!late) {
        cycles.put(t, probeCycle(product, t, ProductState.HEALTHY, since, onTime(t)));
      }
    }
    if (lateFrom != null) {
      cycles.put(lateFrom, probeCycle(product, lateFrom, ProductState.LATE, lateFrom, lateSince(lateFrom)));
      cycles.put(lateUntil, probeCycle(product, lateUntil, ProductState.HEALTHY, lateUntil, onTime(lateUntil)));
    }
    return cycles;
  }

  /** An evaluation of one schema check besides freshness (always PASS): PASS scores 100, WARN 75, FAIL 50. */
  private static void evaluation(Map<Instant, RecordCycleInput> cycles, ProductId product, String when, Outcome schema) {
    Instant t = at(when);
    cycles.put(t, evaluatedCycle(product, t, ProductState.HEALTHY, List.of(result("schema", CheckKind.SCHEMA, schema))));
  }

  private static void breach(StoreDatabase db, ProductId product, Instant opened, Duration toAcknowledge, Duration toResolve) {
    db.incidents().record(transition(product, opened, 1, TransitionKind.OPENED, opened, MAIN_MESSAGE));
    db.incidents().record(transition(product, opened, 2, TransitionKind.ACKNOWLEDGED, opened.plus(toAcknowledge), MAIN_MESSAGE));
    if (toResolve != null) {
      db.incidents().record(transition(product, opened, 3, TransitionKind.RESOLVED, opened.plus(toResolve), MAIN_MESSAGE));
    }
  }

  private static ProductSpec withTarget(ProductSpec spec, double target) {
    return new ProductSpec(spec.id(), spec.owner(), spec.steward(), spec.description(), spec.output(), spec.schema(), spec.quality(),
        spec.consumers(), new SlaSpec(null, "UTC", null, target, List.of()), spec.escalation(), spec.alerts());
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }
}
