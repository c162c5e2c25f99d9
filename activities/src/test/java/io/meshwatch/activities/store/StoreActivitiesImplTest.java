package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.StoreFixtures.ORDERS;
import static io.meshwatch.activities.store.StoreFixtures.evaluatedCycle;
import static io.meshwatch.activities.store.StoreFixtures.fullSpec;
import static io.meshwatch.activities.store.StoreFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.workflows.activities.RecordCycleInput;
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
    StoreActivitiesImpl activities = new StoreActivitiesImpl(STORE.database().results());

    var output = activities.recordCycle(
        evaluatedCycle(ORDERS, CYCLE, ProductState.HEALTHY, List.of(result("completeness", CheckKind.COMPLETENESS, Outcome.PASS))));

    assertThat(output.resultsWritten()).isEqualTo(2);
    assertThat(STORE.database().results().findLatestEvaluation(ORDERS)).isPresent();
  }

  @Test
  void malformedCyclesFailWithoutRetry() {
    StoreActivitiesImpl activities = new StoreActivitiesImpl(STORE.database().results());
    RecordCycleInput noState = new RecordCycleInput(ORDERS, 1, CYCLE, null, CYCLE, null, null, false, List.of(), 0, 0, 0, 0, 0, 0);

    assertThatThrownBy(() -> activities.recordCycle(noState))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo(StoreFailure.INVALID_CYCLE.name());
        });
  }

  @Test
  void cyclesOfUnknownProductsFailWithoutRetry() {
    StoreActivitiesImpl activities = new StoreActivitiesImpl(STORE.database().results());
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
    StoreActivitiesImpl activities = new StoreActivitiesImpl(new ResultStore(DSL.using(nowhere, SQLDialect.POSTGRES)));

    assertThatThrownBy(() -> activities.recordCycle(evaluatedCycle(ORDERS, CYCLE, ProductState.HEALTHY, List.of())))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getType()).isEqualTo(StoreFailure.STORE_UNAVAILABLE.name());
        });
  }
}
