package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.StoreFixtures.ORDERS;
import static io.meshwatch.activities.store.StoreFixtures.evaluatedCycle;
import static io.meshwatch.activities.store.StoreFixtures.fullSpec;
import static io.meshwatch.activities.store.StoreFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class StoreActivitiesImplTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  private static final Instant CYCLE = Instant.parse("2026-03-02T06:15:00Z");

  @Test
  void recordsACycle() {
    STORE.database().registry().apply(fullSpec(), null, "alice", CYCLE.minusSeconds(3600));
    StoreActivitiesImpl activities = new StoreActivitiesImpl(STORE.database().results(), STORE.database().incidents());

    var output = activities.recordCycle(
        evaluatedCycle(ORDERS, CYCLE, ProductState.HEALTHY, List.of(result("completeness", CheckKind.COMPLETENESS, Outcome.PASS))));

    assertThat(output.resultsWritten()).isEqualTo(2);
    assertThat(STORE.database().results().findLatestEvaluation(ORDERS)).isPresent();
  }

  @Test
  void malformedCyclesFailWithoutRetry() {
    StoreActivitiesImpl activities = new StoreActivitiesImpl(STORE.database().results(), STORE.database().incidents());
    RecordCycleInput noState = new RecordCycleInput(ORDERS, 1, CYCLE, null, CYCLE, null, null, false, List.of(), 0, 0, 0, 0, 0, 0);

    assertThatThrownBy(() -> activities.recordCycle(noState))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo(StoreFailure.INVALID_CYCLE.name());
        });
  }

  @Test
  void cyclesOfUnknownProductsFailWithoutRetry() {
    StoreActivitiesImpl activities = new StoreActivitiesImpl(STORE.database().results(), STORE.database().incidents());
    ProductId unknown = new ProductId("nowhere", "nothing");

    assertThatThrownBy(() -> activities.recordCycle(evaluatedCycle(unknown, CYCLE, ProductState.HEALTHY, List.of())))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo(StoreFailure.UNKNOWN_PRODUCT.name());
        });
  }

  @Test
  void anUnreachableDatabaseFailsRetryably() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setServerNames(new String[] {"127.0.0.1"});
    nowhere.setPortNumbers(new int[] {1});
    nowhere.setConnectTimeout(2);
    StoreActivitiesImpl activities = new StoreActivitiesImpl(new ResultStore(DSL.using(nowhere, SQLDialect.POSTGRES)), new IncidentStore(DSL.using(nowhere, SQLDialect.POSTGRES)));

    assertThatThrownBy(() -> activities.recordCycle(evaluatedCycle(ORDERS, CYCLE, ProductState.HEALTHY, List.of())))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getType()).isEqualTo(StoreFailure.STORE_UNAVAILABLE.name());
        });
  }

  @Test
  void recordsAnIncidentTransitionOnceWhateverTheRetries() {
    StoreActivitiesImpl activities = new StoreActivitiesImpl(STORE.database().results(), STORE.database().incidents());
    RecordIncidentInput opened = IncidentFixtures.transition(ORDERS, CYCLE, 1, TransitionKind.OPENED, CYCLE, null);

    assertThat(activities.recordIncident(opened).recorded()).isTrue();
    assertThat(activities.recordIncident(opened).recorded()).isFalse();
    assertThat(STORE.database().incidents().find(IncidentInput.idFor(ORDERS, CYCLE)))
        .hasValueSatisfying(h -> assertThat(h.incident().state()).isEqualTo(IncidentState.OPEN));
  }

  @Test
  void contradictoryIncidentsFailWithoutRetry() {
    StoreActivitiesImpl activities = new StoreActivitiesImpl(STORE.database().results(), STORE.database().incidents());
    activities.recordIncident(IncidentFixtures.transition(ORDERS, CYCLE, 1, TransitionKind.OPENED, CYCLE, null));
    RecordIncidentInput later = IncidentFixtures.transition(ORDERS, CYCLE.plusSeconds(60), 2, TransitionKind.UPDATED, CYCLE, null);
    IncidentSnapshot s = later.incident();
    RecordIncidentInput sameIdOtherOpening = new RecordIncidentInput(
        new IncidentSnapshot(IncidentInput.idFor(ORDERS, CYCLE), s.product(), s.state(), s.productState(), s.openedAt(), s.at(),
            s.failing(), null, null, null, null, null, null, null),
        later.transition(), null);

    assertThatThrownBy(() -> activities.recordIncident(sameIdOtherOpening))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo(StoreFailure.INVALID_INCIDENT.name());
        });
  }

  @Test
  void anUnreachableDatabaseFailsIncidentRecordsRetryably() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setServerNames(new String[] {"127.0.0.1"});
    nowhere.setPortNumbers(new int[] {1});
    nowhere.setConnectTimeout(2);
    var dsl = DSL.using(nowhere, SQLDialect.POSTGRES);
    StoreActivitiesImpl activities = new StoreActivitiesImpl(new ResultStore(dsl), new IncidentStore(dsl));

    assertThatThrownBy(() -> activities.recordIncident(IncidentFixtures.transition(ORDERS, CYCLE, 1, TransitionKind.OPENED, CYCLE, null)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getType()).isEqualTo(StoreFailure.STORE_UNAVAILABLE.name());
        });
  }
}
