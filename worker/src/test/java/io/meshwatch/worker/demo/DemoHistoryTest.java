package io.meshwatch.worker.demo;

import static io.meshwatch.worker.demo.DemoScript.ORDERS;
import static io.meshwatch.worker.demo.DemoScript.PAYMENTS;
import static io.meshwatch.worker.demo.DemoScript.SHIPMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.store.DomainScore;
import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.activities.store.OverallScore;
import io.meshwatch.activities.store.Period;
import io.meshwatch.activities.store.ProductScore;
import io.meshwatch.activities.store.ScoreStore;
import io.meshwatch.activities.store.StoredIncident;
import io.meshwatch.activities.store.StoredTransition;
import io.meshwatch.activities.store.jooq.Meshwatch;
import io.meshwatch.worker.runtime.Specs;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.EscalationLadder;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.ProductId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's seeded history on a real PostgreSQL, read back through the score functions: the
 * previous quarter shows the figures the script plans, and seeding is idempotent and deterministic.
 */
class DemoHistoryTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  /** A demo started mid-May 2026: the history is 2026-Q1 and 2026-Q2 up to 09:00 that day. */
  static final Instant NOW = Instant.parse("2026-05-12T09:37:12Z");
  static final Period PREVIOUS = Period.parse("2026-Q1");
  static final Period CURRENT = Period.parse("2026-Q2");

  List<DemoSpec> specs;

  @BeforeEach
  void setUp() {
    specs = DemoProducts.load(Specs.loader());
  }

  @Test
  void theSpanIsThePreviousQuarterAndTheCurrentOneUpToShortlyBeforeNow() {
    HistorySpan span = HistorySpan.before(NOW);

    assertThat(span.previousQuarter()).isEqualTo(PREVIOUS);
    assertThat(span.currentQuarter()).isEqualTo(CURRENT);
    assertThat(span.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(span.to()).isEqualTo(Instant.parse("2026-05-12T09:00:00Z"));
    assertThat(HistorySpan.before(Instant.parse("2026-05-12T10:03:00Z")).to())
        .as("at least five minutes before the demo starts")
        .isEqualTo(Instant.parse("2026-05-12T09:00:00Z"));
    assertThat(HistorySpan.before(Instant.parse("2026-01-20T12:00:00Z")).previousQuarter()).isEqualTo(Period.parse("2025-Q4"));
  }

  @Test
  void theSeededPreviousQuarterScoresAsPlanned() {
    long started = System.nanoTime();
    SeededHistory seeded = seed(NOW);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.println(seeded.line() + " in " + took.toMillis() + " ms");

    assertThat(seeded.seeded()).isTrue();
    assertThat(seeded.products()).isEqualTo(3);
    assertThat(seeded.line()).startsWith("demo history: seeded 2026-Q1 and 2026-Q2 up to 2026-05-12T09:00:00Z for 3 products");
    ScoreStore scores = STORE.database().scores();
    Map<ProductId, ProductScore> quarter = byProduct(scores.products(PREVIOUS));
    quarter.values().forEach(DemoHistoryTest::print);
    ProductScore orders = quarter.get(ORDERS);
    ProductScore payments = quarter.get(PAYMENTS);
    ProductScore shipments = quarter.get(SHIPMENTS);

    // Registered from the start of the history: the whole quarter is theirs.
    assertThat(quarter.values()).allSatisfy(p -> {
      assertThat(p.periodSeconds()).isEqualTo(Duration.ofDays(90).toSeconds());
      assertThat(p.coverage()).as("the worker's outage").isBetween(0.995, 0.9999);
      assertThat(p.breaches()).isPositive();
      assertThat(p.acknowledged()).isPositive();
      assertThat(p.resolved()).isEqualTo(p.breaches());
      assertThat(p.meanTimeToAcknowledgeSeconds()).isBetween(60.0, 3 * 3600.0);
      assertThat(p.meanTimeToResolveSeconds()).isBetween(1800.0, 12 * 3600.0);
      assertThat(p.evaluations()).isPositive();
    });

    assertThat(orders.availability()).isBetween(0.9993, 0.99995);
    assertThat(orders.targetMet()).isTrue();
    assertThat(orders.qualityScore()).isGreaterThan(99.5);
    assertThat(orders.evaluations()).as("the first cycle, one load a day, one reload").isEqualTo(92);
    assertThat(orders.breaches()).as("late once, failing once").isEqualTo(2);

    assertThat(payments.availability()).isBetween(0.990, 0.997);
    assertThat(payments.targetMet()).isFalse();
    assertThat(payments.pausedSeconds()).as("paused for a day").isBetween(24 * 3600.0, 25 * 3600.0);
    assertThat(payments.maintenanceSeconds()).as("02:00-04:00 on the 15th of each month").isEqualTo(3 * 7200.0);
    assertThat(payments.breaches()).as("five stalls, one bad batch").isEqualTo(6);
    assertThat(payments.qualityScore()).isGreaterThan(99.5);

    assertThat(shipments.availability()).isBetween(0.9993, 0.99995);
    assertThat(shipments.targetMet()).isTrue();
    assertThat(shipments.qualityScore()).isBetween(96.0, 98.5);
    assertThat(shipments.qualityScore()).isLessThan(Math.min(orders.qualityScore(), payments.qualityScore()) - 1.5);
    assertThat(shipments.coverage()).as("two hours unreachable besides the outage").isLessThan(orders.coverage());
    assertThat(shipments.breaches()).as("a skewed day, a backlog, clear-text e-mails").isEqualTo(3);

    List<DomainScore> domains = scores.domains(PREVIOUS);
    assertThat(domains).extracting(DomainScore::domain).containsExactly("orders", "payments", "shipments");
    assertThat(domains).extracting(DomainScore::productsMeetingTarget).containsExactly(1L, 0L, 1L);
    OverallScore mesh = scores.overall(PREVIOUS);
    assertThat(mesh.products()).isEqualTo(3);
    assertThat(mesh.productsMeetingTarget()).isEqualTo(2);
    assertThat(mesh.breaches()).isEqualTo(11);
    assertThat(mesh.availability()).isBetween(payments.availability(), orders.availability());
    assertThat(mesh.meanTimeToAcknowledgeSeconds()).isNotNull();
    assertThat(mesh.meanTimeToResolveSeconds()).isNotNull();
  }

  @Test
  void incidentsCrossTheQuarterBoundaryClimbTheLadderAndAreAllOver() {
    seed(NOW);
    var incidents = STORE.database().incidents();
    List<StoredIncident> payments = incidents.findByProduct(PAYMENTS);

    assertThat(payments).filteredOn(i -> i.openedAt().isBefore(CURRENT.from()) && i.resolvedAt().isAfter(CURRENT.from()))
        .singleElement()
        .satisfies(i -> assertThat(i.resolution()).isEqualTo(Resolution.RECOVERED));
    // The stall inside the declared maintenance window: the owner knew, and said so.
    assertThat(payments).filteredOn(i -> i.resolution() == Resolution.EXPECTED)
        .singleElement()
        .satisfies(i -> {
          assertThat(i.note()).isEqualTo("declared maintenance window");
          assertThat(i.acknowledgedBy()).isEqualTo(i.resolvedBy());
        });
    // Every incident is over: none is reloaded as open when the live worker starts.
    assertThat(incidents.findOpen()).isEmpty();
    // The stall's hours after midnight count against the current quarter, its breach against the previous one.
    ProductScore current = byProduct(STORE.database().scores().products(CURRENT)).get(PAYMENTS);
    assertThat(current.measuredSeconds() - current.onTimeSeconds()).isGreaterThan(3600.0);

    List<String> kinds = new ArrayList<>();
    for (ProductId product : List.of(ORDERS, PAYMENTS, SHIPMENTS)) {
      for (StoredIncident incident : incidents.findByProduct(product)) {
        List<StoredTransition> transitions = incidents.find(incident.id()).orElseThrow().transitions();
        assertThat(transitions.get(0).kind()).isEqualTo(TransitionKind.OPENED);
        assertThat(transitions.get(transitions.size() - 1).kind()).isEqualTo(TransitionKind.RESOLVED);
        assertThat(transitions).extracting(StoredTransition::at).isSorted();
        transitions.forEach(t -> kinds.add(t.kind().name()));
        if (incident.failing().stream().anyMatch(f -> f.checkId().equals("pii:recipient_email"))) {
          // A PII-handling violation reaches the steward at once.
          assertThat(transitions.get(1).kind()).isEqualTo(TransitionKind.ESCALATED_TO_STEWARD);
          assertThat(transitions.get(1).at()).isEqualTo(incident.openedAt());
        }
      }
    }
    assertThat(kinds).contains("ESCALATED_TO_STEWARD", "ESCALATED_TO_PLATFORM", "ACKNOWLEDGED", "REMINDED");
  }

  @Test
  void seedingAStoreThatKnowsTheDemoProductsChangesNothing() {
    seed(NOW);
    Map<String, Integer> before = rowCounts();

    SeededHistory again = seed(NOW.plus(Duration.ofDays(3)));

    assertThat(again.seeded()).isFalse();
    assertThat(again.line()).isEqualTo("demo history: nothing seeded (the store already holds orders/orders-daily, "
        + "payments/payments-settled, shipments/shipments-events)");
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void theSameStartSeedsTheSameStore() {
    seed(NOW);
    Map<String, List<List<Object>>> first = contents();
    truncate();

    seed(NOW);

    assertThat(contents()).isEqualTo(first);
  }

  @Test
  void aLaterStartInTheSameQuarterReplaysTheSamePreviousQuarter() {
    HistorySpan early = HistorySpan.before(NOW);
    HistorySpan later = HistorySpan.before(Instant.parse("2026-06-20T15:00:00Z"));
    for (DemoSpec demo : specs) {
      SeededProduct first = DemoHistory.plan(demo, early);
      SeededProduct second = DemoHistory.plan(demo, later);

      assertThat(second.cycles().stream().filter(c -> c.at().isBefore(CURRENT.from())).toList())
          .isEqualTo(first.cycles().stream().filter(c -> c.at().isBefore(CURRENT.from())).toList());
      assertThat(second.breaches().stream().filter(b -> b.openedAt().isBefore(CURRENT.from())).toList())
          .isEqualTo(first.breaches().stream().filter(b -> b.openedAt().isBefore(CURRENT.from())).toList());
      assertThat(second.cycles().size()).as("more of the current quarter").isGreaterThan(first.cycles().size());
    }
  }

  @Test
  void everyEvaluationCarriesEveryPlannedCheckAndCyclesAreAtMostAnHourApartOutsideTheOutage() {
    HistorySpan span = HistorySpan.before(NOW);
    for (DemoSpec demo : specs) {
      SeededProduct product = DemoHistory.plan(demo, span);
      List<String> planned = io.meshwatch.workflows.model.CheckPlan.of(demo.spec()).stream().map(c -> c.id()).toList();
      assertThat(product.cycles()).filteredOn(c -> c.evaluated())
          .allSatisfy(c -> assertThat(c.results()).extracting(r -> r.checkId()).containsExactlyElementsOf(planned));
      assertThat(product.cycles().get(0).at()).isEqualTo(span.from());
      assertThat(product.cycles().get(product.cycles().size() - 1).at()).isEqualTo(span.to());
      long gaps = 0;
      for (int i = 1; i < product.cycles().size(); i++) {
        Duration gap = Duration.between(product.cycles().get(i - 1).at(), product.cycles().get(i).at());
        assertThat(gap).isPositive();
        if (gap.compareTo(Duration.ofHours(1)) > 0) {
          gaps++;
        }
      }
      // The previous quarter's outage; the current quarter's comes later than mid-May.
      assertThat(gaps).as(demo.file() + ": the worker's outage").isEqualTo(1);
    }
  }

  private SeededHistory seed(Instant now) {
    return DemoHistory.seedIfFresh(STORE.database(), specs, EscalationLadder.defaults(), now);
  }

  private static Map<ProductId, ProductScore> byProduct(List<ProductScore> scores) {
    return scores.stream().collect(Collectors.toMap(ProductScore::product, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  private static void print(ProductScore p) {
    System.out.printf(Locale.ROOT,
        "%-28s availability %.5f target %.3f met %s coverage %.5f quality %.2f evaluations %d breaches %d ack %d MTTA %.0f min MTTR %.0f min"
            + " paused %.1f h maintenance %.1f h%n",
        p.product(), p.availability(), p.availabilityTarget(), p.targetMet(), p.coverage(), p.qualityScore(), p.evaluations(),
        p.breaches(), p.acknowledged(), p.meanTimeToAcknowledgeSeconds() / 60, p.meanTimeToResolveSeconds() / 60,
        p.pausedSeconds() / 3600, p.maintenanceSeconds() / 3600);
  }

  private static Map<String, Integer> rowCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Table<?> table : Meshwatch.MESHWATCH.getTables()) {
      counts.put(table.getName(), STORE.dsl().fetchCount(table));
    }
    return counts;
  }

  /** Every table's rows in key order, without the wall-clock recording times. */
  private static Map<String, List<List<Object>>> contents() {
    Map<String, List<List<Object>>> contents = new LinkedHashMap<>();
    for (Table<?> table : Meshwatch.MESHWATCH.getTables()) {
      List<Field<?>> fields = Arrays.stream(table.fields()).filter(f -> !f.getName().equals("recorded_at")).toList();
      contents.put(table.getName(), STORE.dsl().select(fields).from(table).orderBy(fields.stream().map(Field::asc).toList())
          .fetch(r -> Arrays.asList(r.intoArray())));
    }
    return contents;
  }

  private static void truncate() {
    STORE.dsl().query("truncate table {0}", DSL.list(Meshwatch.MESHWATCH.getTables())).execute();
  }
}
