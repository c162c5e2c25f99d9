package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.StoreFixtures.ORDERS;
import static io.meshwatch.activities.store.StoreFixtures.ORDERS_YAML;
import static io.meshwatch.activities.store.StoreFixtures.fullSpec;
import static io.meshwatch.activities.store.StoreFixtures.minimalSpec;
import static io.meshwatch.activities.store.StoreFixtures.withDescription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryStoreTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  private static final Instant T1 = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-02T10:30:00Z");
  private static final Instant T3 = Instant.parse("2026-03-03T11:45:00.123456Z");

  private RegistryStore registry;

  @BeforeEach
  void setUp() {
    registry = STORE.database().registry();
  }

  @Test
  void applyCreatesThenIgnoresTheSameSpecThenVersionsAChange() {
    ApplyResult created = registry.apply(fullSpec(), ORDERS_YAML, "alice", T1);
    ApplyResult unchanged = registry.apply(fullSpec(), ORDERS_YAML, "bob", T2);
    ProductSpec changed = withDescription(fullSpec(), "Daily aggregate, now with refunds.");
    ApplyResult updated = registry.apply(changed, "changed yaml", "carol", T3);

    assertThat(created).isEqualTo(new ApplyResult(ORDERS, 1, ApplyOutcome.CREATED));
    assertThat(unchanged).isEqualTo(new ApplyResult(ORDERS, 1, ApplyOutcome.UNCHANGED));
    assertThat(updated).isEqualTo(new ApplyResult(ORDERS, 2, ApplyOutcome.UPDATED));

    List<SpecVersion> history = registry.versions(ORDERS);
    assertThat(history).extracting(SpecVersion::version, SpecVersion::appliedBy, SpecVersion::appliedAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "alice", T1),
            org.assertj.core.groups.Tuple.tuple(2L, "carol", T3));
    assertThat(history.get(0).sha256()).isEqualTo(SpecJson.sha256(SpecJson.canonical(fullSpec())));
    assertThat(history.get(1).sha256()).isNotEqualTo(history.get(0).sha256());

    RegisteredProduct product = registry.find(ORDERS).orElseThrow();
    assertThat(product.version()).isEqualTo(2);
    assertThat(product.spec()).isEqualTo(changed);
    assertThat(product.createdAt()).isEqualTo(T1);
    assertThat(product.updatedAt()).isEqualTo(T3);
    assertThat(product.active()).isTrue();

    assertThat(registry.findSpec(ORDERS, 1).orElseThrow())
        .satisfies(v -> {
          assertThat(v.spec()).isEqualTo(fullSpec());
          assertThat(v.sourceText()).isEqualTo(ORDERS_YAML);
          assertThat(v.version().appliedBy()).isEqualTo("alice");
        });
  }

  @Test
  void storedSpecRoundTripsThroughJsonb() {
    registry.apply(fullSpec(), null, "alice", T1);

    assertThat(registry.find(ORDERS).orElseThrow().spec()).isEqualTo(fullSpec());
    assertThat(registry.findSpec(ORDERS, 1).orElseThrow().sourceText()).isNull();
  }

  @Test
  void retiringKeepsTheHistoryAndDropsTheProductFromTheActiveList() {
    registry.apply(fullSpec(), ORDERS_YAML, "alice", T1);
    registry.apply(withDescription(fullSpec(), "second"), ORDERS_YAML, "alice", T2);

    assertThat(registry.retire(ORDERS, "dave", T3)).isTrue();
    assertThat(registry.retire(ORDERS, "dave", T3)).as("already retired").isFalse();

    assertThat(registry.findActive()).isEmpty();
    RegisteredProduct retired = registry.find(ORDERS).orElseThrow();
    assertThat(retired.active()).isFalse();
    assertThat(retired.retiredAt()).isEqualTo(T3);
    assertThat(retired.retiredBy()).isEqualTo("dave");
    assertThat(retired.version()).isEqualTo(2);
    assertThat(registry.versions(ORDERS)).extracting(SpecVersion::version).containsExactly(1L, 2L);
  }

  @Test
  void applyingARetiredProductReactivatesIt() {
    registry.apply(fullSpec(), ORDERS_YAML, "alice", T1);
    registry.retire(ORDERS, "dave", T2);

    ApplyResult sameSpec = registry.apply(fullSpec(), ORDERS_YAML, "erin", T3);

    assertThat(sameSpec).isEqualTo(new ApplyResult(ORDERS, 1, ApplyOutcome.REACTIVATED));
    RegisteredProduct product = registry.find(ORDERS).orElseThrow();
    assertThat(product.active()).isTrue();
    assertThat(product.retiredAt()).isNull();
    assertThat(product.retiredBy()).isNull();
    assertThat(registry.findActive()).extracting(RegisteredProduct::id).containsExactly(ORDERS);

    registry.retire(ORDERS, "dave", T3.plusSeconds(60));
    ApplyResult changedSpec = registry.apply(withDescription(fullSpec(), "back"), ORDERS_YAML, "erin", T3.plusSeconds(120));
    assertThat(changedSpec).isEqualTo(new ApplyResult(ORDERS, 2, ApplyOutcome.REACTIVATED));
  }

  @Test
  void findActiveListsActiveProductsWithTheirCurrentSpec() {
    ProductId billing = new ProductId("billing", "invoices");
    ProductId gone = new ProductId("billing", "legacy");
    registry.apply(fullSpec(), ORDERS_YAML, "alice", T1);
    registry.apply(minimalSpec(billing), null, "alice", T1);
    registry.apply(withDescription(minimalSpec(billing), "v2"), null, "alice", T2);
    registry.apply(minimalSpec(gone), null, "alice", T1);
    registry.retire(gone, "alice", T2);

    List<RegisteredProduct> active = registry.findActive();

    assertThat(active).extracting(RegisteredProduct::id).containsExactly(billing, ORDERS);
    assertThat(active.get(0).version()).isEqualTo(2);
    assertThat(active.get(0).spec()).isEqualTo(withDescription(minimalSpec(billing), "v2"));
    assertThat(active.get(1).spec()).isEqualTo(fullSpec());
  }

  @Test
  void pausingIsKeptAndUnknownProductsAreReported() {
    registry.apply(fullSpec(), ORDERS_YAML, "alice", T1);

    assertThat(registry.setPaused(ORDERS, true)).isTrue();
    assertThat(registry.find(ORDERS).orElseThrow().paused()).isTrue();
    assertThat(registry.setPaused(ORDERS, false)).isTrue();
    assertThat(registry.find(ORDERS).orElseThrow().paused()).isFalse();

    ProductId unknown = new ProductId("nowhere", "nothing");
    assertThat(registry.setPaused(unknown, true)).isFalse();
    assertThat(registry.retire(unknown, "alice", T2)).isFalse();
    assertThat(registry.find(unknown)).isEmpty();
    assertThat(registry.versions(unknown)).isEmpty();
  }

  @Test
  void applyNeedsToKnowWhoApplied() {
    assertThatThrownBy(() -> registry.apply(fullSpec(), ORDERS_YAML, " ", T1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(registry.find(ORDERS)).isEmpty();
  }

  @Test
  void concurrentAppliesOfOneProductGiveConsecutiveVersions() throws Exception {
    int writers = 8;
    List<ApplyResult> distinct = applyAtOnce(writers, i -> withDescription(fullSpec(), "variant " + i));

    assertThat(distinct).extracting(ApplyResult::version).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(distinct).filteredOn(r -> r.outcome() == ApplyOutcome.CREATED).hasSize(1);
    assertThat(distinct).filteredOn(r -> r.outcome() == ApplyOutcome.UPDATED).hasSize(writers - 1);
    assertThat(registry.versions(ORDERS)).extracting(SpecVersion::version)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);

    // The same new spec from every writer: one of them versions it, the rest find it unchanged.
    List<ApplyResult> same = applyAtOnce(writers, i -> withDescription(fullSpec(), "agreed"));

    assertThat(same).extracting(ApplyResult::version).containsOnly(9L);
    assertThat(same).filteredOn(r -> r.outcome() == ApplyOutcome.UPDATED).hasSize(1);
    assertThat(same).filteredOn(r -> r.outcome() == ApplyOutcome.UNCHANGED).hasSize(writers - 1);
    assertThat(registry.find(ORDERS).orElseThrow().version()).isEqualTo(9);
  }

  private List<ApplyResult> applyAtOnce(int writers, java.util.function.IntFunction<ProductSpec> specs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ApplyResult>> futures = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        ProductSpec spec = specs.apply(i);
        String by = "writer-" + i;
        Callable<ApplyResult> apply = () -> {
          start.await();
          return registry.apply(spec, null, by, T1);
        };
        futures.add(pool.submit(apply));
      }
      start.countDown();
      List<ApplyResult> results = new ArrayList<>();
      for (Future<ApplyResult> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
