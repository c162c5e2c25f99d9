package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.IncidentFixtures.ALICE_IN_SLACK;
import static io.meshwatch.activities.store.IncidentFixtures.MAIN_MESSAGE;
import static io.meshwatch.activities.store.IncidentFixtures.failing;
import static io.meshwatch.activities.store.IncidentFixtures.transition;
import static io.meshwatch.activities.store.StoreFixtures.ORDERS;
import static io.meshwatch.activities.store.jooq.Tables.INCIDENTS;
import static io.meshwatch.activities.store.jooq.Tables.INCIDENT_TRANSITIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.ProductId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IncidentStoreTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  static final ProductId PAYMENTS = new ProductId("payments", "payments-settled");
  static final Instant OPENED = Instant.parse("2026-03-02T06:15:00.123456789Z");
  static final String ID = IncidentInput.idFor(ORDERS, OPENED);

  private IncidentStore incidents;

  @BeforeEach
  void setUp() {
    incidents = STORE.database().incidents();
  }

  @Test
  void recordingTheSameTransitionTwiceStoresItOnce() {
    RecordIncidentInput opened = transition(ORDERS, OPENED, 1, TransitionKind.OPENED, OPENED, null);

    assertThat(incidents.record(opened).recorded()).isTrue();
    StoredIncident first = incidents.find(ID).orElseThrow().incident();
    assertThat(incidents.record(opened).recorded()).isFalse();

    assertThat(STORE.dsl().fetchCount(INCIDENTS)).isEqualTo(1);
    assertThat(STORE.dsl().fetchCount(INCIDENT_TRANSITIONS)).isEqualTo(1);
    assertThat(incidents.find(ID).orElseThrow().incident()).isEqualTo(first);
  }

  @Test
  void theRowShowsTheIncidentAsItStandsAfterItsLatestTransition() {
    Instant acknowledged = OPENED.plusSeconds(600);
    incidents.record(transition(ORDERS, OPENED, 1, TransitionKind.OPENED, OPENED, MAIN_MESSAGE));
    incidents.record(transition(ORDERS, OPENED, 2, TransitionKind.ACKNOWLEDGED, acknowledged, MAIN_MESSAGE));

    IncidentHistory history = incidents.find(ID).orElseThrow();
    StoredIncident incident = history.incident();
    assertThat(incident.id()).isEqualTo(ID);
    assertThat(incident.product()).isEqualTo(ORDERS);
    assertThat(incident.owner()).isEqualTo("team-orders");
    assertThat(incident.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
    assertThat(incident.open()).isTrue();
    // PostgreSQL keeps microseconds.
    assertThat(incident.openedAt()).isEqualTo(Instant.parse("2026-03-02T06:15:00.123456Z"));
    assertThat(incident.acknowledgedBy()).isEqualTo(ALICE_IN_SLACK);
    assertThat(incident.acknowledgedAt()).isEqualTo(Instants.micros(acknowledged));
    assertThat(incident.message()).isEqualTo(MAIN_MESSAGE);
    assertThat(incident.lastSequence()).isEqualTo(2);
    assertThat(incident.updatedAt()).isEqualTo(Instants.micros(acknowledged));
    assertThat(history.transitions()).extracting(StoredTransition::sequence, StoredTransition::kind, StoredTransition::by)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, TransitionKind.OPENED, Actor.MESHWATCH),
            org.assertj.core.groups.Tuple.tuple(2, TransitionKind.ACKNOWLEDGED, ALICE_IN_SLACK));
  }

  @Test
  void aTransitionRecordedLateIsKeptButDoesNotMoveTheIncidentBackwards() {
    incidents.record(transition(ORDERS, OPENED, 1, TransitionKind.OPENED, OPENED, MAIN_MESSAGE));
    incidents.record(transition(ORDERS, OPENED, 3, TransitionKind.RESOLVED, OPENED.plusSeconds(3600), null));
    // The acknowledgement's record was retried and lands after the resolution's.
    assertThat(incidents.record(transition(ORDERS, OPENED, 2, TransitionKind.ACKNOWLEDGED, OPENED.plusSeconds(600), null)).recorded())
        .isTrue();

    IncidentHistory history = incidents.find(ID).orElseThrow();
    assertThat(history.incident().state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(history.incident().resolution()).isEqualTo(Resolution.FIXED);
    assertThat(history.incident().resolvedBy()).isEqualTo(new Actor("bob", "cli"));
    assertThat(history.incident().note()).isEqualTo("reloaded the partition");
    assertThat(history.incident().lastSequence()).isEqualTo(3);
    assertThat(history.incident().open()).isFalse();
    assertThat(history.transitions()).extracting(StoredTransition::sequence).containsExactly(1, 2, 3);
    assertThat(history.transitions()).extracting(StoredTransition::kind)
        .containsExactly(TransitionKind.OPENED, TransitionKind.ACKNOWLEDGED, TransitionKind.RESOLVED);
  }

  @Test
  void theMainMessageOnceKnownIsKeptAndALateRecordMayStillSupplyIt() {
    incidents.record(transition(ORDERS, OPENED, 1, TransitionKind.OPENED, OPENED, MAIN_MESSAGE));
    incidents.record(transition(ORDERS, OPENED, 2, TransitionKind.UPDATED, OPENED.plusSeconds(60), null));
    assertThat(incidents.find(ID).orElseThrow().incident().message()).isEqualTo(MAIN_MESSAGE);

    Instant other = OPENED.plusSeconds(86_400);
    String otherId = IncidentInput.idFor(ORDERS, other);
    incidents.record(transition(ORDERS, other, 2, TransitionKind.UPDATED, other.plusSeconds(60), null));
    MessageRef posted = new MessageRef("slack", "C0123456789", "1767340800.000200");
    incidents.record(transition(ORDERS, other, 1, TransitionKind.OPENED, other, posted));
    StoredIncident late = incidents.find(otherId).orElseThrow().incident();
    assertThat(late.message()).isEqualTo(posted);
    assertThat(late.lastSequence()).isEqualTo(2);
    assertThat(late.updatedAt()).isEqualTo(Instants.micros(other.plusSeconds(60)));
  }

  @Test
  void failingChecksAreStoredAsTheirAggregates() {
    incidents.record(transition(ORDERS, OPENED, 1, TransitionKind.OPENED, OPENED, null));

    assertThat(incidents.find(ID).orElseThrow().incident().failing()).isEqualTo(failing(OPENED));
    String json = STORE.dsl().select(INCIDENTS.FAILING).from(INCIDENTS).fetchSingle(INCIDENTS.FAILING).data();
    assertThat(json).contains("\"checkId\"", "\"not_null:order_id\"", "\"violations\"", "\"since\"");
  }

  @Test
  void anIdStoredForAnotherProductOrOpeningIsRejectedAndChangesNothing() {
    incidents.record(transition(ORDERS, OPENED, 1, TransitionKind.OPENED, OPENED, null));
    RecordIncidentInput genuine = transition(PAYMENTS, OPENED, 2, TransitionKind.ACKNOWLEDGED, OPENED.plusSeconds(60), null);
    IncidentSnapshot s = genuine.incident();
    RecordIncidentInput impostor = new RecordIncidentInput(
        new IncidentSnapshot(ID, s.product(), s.state(), s.productState(), s.openedAt(), s.at(), s.failing(), s.acknowledgedAt(),
            s.acknowledgedBy(), s.snoozedUntil(), s.resolvedAt(), s.resolution(), s.resolvedBy(), s.note()),
        genuine.transition(), null);

    assertThatThrownBy(() -> incidents.record(impostor))
        .isInstanceOf(RejectedIncidentException.class)
        .hasMessageContaining(ID)
        .hasMessageContaining("orders/orders-daily")
        .hasMessageContaining("payments/payments-settled");
    assertThat(incidents.find(ID).orElseThrow().incident().state()).isEqualTo(IncidentState.OPEN);
    assertThat(STORE.dsl().fetchCount(INCIDENT_TRANSITIONS)).isEqualTo(1);
  }

  @Test
  void anIncidentWithoutAnIdIsRejected() {
    RecordIncidentInput valid = transition(ORDERS, OPENED, 1, TransitionKind.OPENED, OPENED, null);
    IncidentSnapshot s = valid.incident();
    RecordIncidentInput blank = new RecordIncidentInput(
        new IncidentSnapshot(" ", s.product(), s.state(), s.productState(), s.openedAt(), s.at(), s.failing(), null, null, null, null,
            null, null, null),
        valid.transition(), null);

    assertThatThrownBy(() -> incidents.record(blank)).isInstanceOf(RejectedIncidentException.class).hasMessageContaining("id");
    assertThat(STORE.dsl().fetchCount(INCIDENTS)).isZero();
  }

  @Test
  void openIncidentsAndAProductsIncidentsAreListedNewestFirst() {
    Instant earlier = OPENED.minusSeconds(86_400);
    Instant later = OPENED.plusSeconds(3_600);
    incidents.record(transition(ORDERS, earlier, 1, TransitionKind.OPENED, earlier, null));
    incidents.record(transition(ORDERS, earlier, 2, TransitionKind.RESOLVED, earlier.plusSeconds(60), null));
    incidents.record(transition(ORDERS, OPENED, 1, TransitionKind.OPENED, OPENED, null));
    incidents.record(transition(PAYMENTS, later, 1, TransitionKind.OPENED, later, null));
    incidents.record(transition(PAYMENTS, later, 2, TransitionKind.SNOOZED, later.plusSeconds(60), null));

    assertThat(incidents.findOpen()).extracting(StoredIncident::id)
        .containsExactly(IncidentInput.idFor(PAYMENTS, later), IncidentInput.idFor(ORDERS, OPENED));
    assertThat(incidents.findByProduct(ORDERS)).extracting(StoredIncident::id)
        .containsExactly(IncidentInput.idFor(ORDERS, OPENED), IncidentInput.idFor(ORDERS, earlier));
    assertThat(incidents.findOpen(ORDERS)).map(StoredIncident::id).contains(IncidentInput.idFor(ORDERS, OPENED));
    assertThat(incidents.findOpen(PAYMENTS)).map(StoredIncident::state).contains(IncidentState.SNOOZED);
    assertThat(incidents.findOpen(new ProductId("nobody", "nothing"))).isEmpty();
    assertThat(incidents.findByProduct(new ProductId("nobody", "nothing"))).isEmpty();
    assertThat(incidents.findRecent(2)).extracting(StoredIncident::id)
        .containsExactly(IncidentInput.idFor(PAYMENTS, later), IncidentInput.idFor(ORDERS, OPENED));
    assertThat(incidents.findRecent(10)).hasSize(3);
    assertThat(incidents.find("incident/nobody/nothing/1")).isEmpty();
  }

  @Test
  void concurrentRecordsOfOneTransitionStoreItOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        Instant opened = OPENED.plusSeconds(round);
        RecordIncidentInput input = transition(ORDERS, opened, 1, TransitionKind.OPENED, opened, null);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          attempts.add(pool.submit(() -> {
            start.await();
            return incidents.record(input).recorded();
          }));
        }
        assertThat(List.of(attempts.get(0).get(), attempts.get(1).get())).as("round " + round).containsExactlyInAnyOrder(true, false);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(STORE.dsl().fetchCount(INCIDENTS)).isEqualTo(10);
    assertThat(STORE.dsl().fetchCount(INCIDENT_TRANSITIONS)).isEqualTo(10);
  }

  @Test
  void aNewStoreInstanceSeesEveryIncidentTransitionAndOutboxEntry() {
    incidents.record(transition(ORDERS, OPENED, 1, TransitionKind.OPENED, OPENED, MAIN_MESSAGE));
    incidents.record(transition(ORDERS, OPENED, 2, TransitionKind.ACKNOWLEDGED, OPENED.plusSeconds(600), null));
    OutboxStore outbox = STORE.database().outbox();
    outbox.claim(ID + "/OPENED/1", ID, "OPENED", "C0123456789");
    outbox.markSent(ID + "/OPENED/1", MAIN_MESSAGE.id());
    outbox.claim(ID + "/ACKNOWLEDGED/2", ID, "ACKNOWLEDGED", "C0123456789");
    IncidentHistory before = incidents.find(ID).orElseThrow();

    // What a restarted worker does: a new pool, new stores, nothing carried over in memory.
    String url = STORE.postgres().getJdbcUrl("postgres", "postgres");
    try (StoreDatabase restarted = StoreDatabase.connect(url, "postgres", "postgres", 2)) {
      IncidentStore reopened = restarted.incidents();
      assertThat(reopened.find(ID)).contains(before);
      assertThat(reopened.findOpen()).extracting(StoredIncident::id).containsExactly(ID);
      OutboxStore outboxAgain = restarted.outbox();
      assertThat(outboxAgain.find(ID + "/OPENED/1")).hasValueSatisfying(row -> {
        assertThat(row.sent()).isTrue();
        assertThat(row.messageId()).isEqualTo(MAIN_MESSAGE.id());
      });
      assertThat(outboxAgain.claim(ID + "/ACKNOWLEDGED/2", ID, "ACKNOWLEDGED", "C0123456789").attempts()).isEqualTo(2);
      assertThat(outboxAgain.findByIncident(ID)).extracting(OutboxRow::key)
          .containsExactlyInAnyOrder(ID + "/OPENED/1", ID + "/ACKNOWLEDGED/2");
    }
  }
}
