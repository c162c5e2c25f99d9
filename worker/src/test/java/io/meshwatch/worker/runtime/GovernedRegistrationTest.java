package io.meshwatch.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.worker.governance.Governance;
import io.meshwatch.worker.governance.Policy;
import io.meshwatch.worker.governance.PolicyViolationException;
import io.meshwatch.worker.spec.SpecLoader;
import io.meshwatch.worker.spec.SpecResult;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.monitor.MonitorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registration refuses a spec that breaks a policy before anything is stored. */
class GovernedRegistrationTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  @Test
  void aViolatingSpecIsRefusedWithEveryViolationAndNothingIsStored() throws Exception {
    String text = Files.readString(Path.of(GovernedRegistrationTest.class.getResource("/specs/reference/orders-daily.seed.yaml").toURI()))
        .replace("  steward: jane.smith@company.com\n", "");
    ProductSpec spec = ((SpecResult.Valid) new SpecLoader(new ExpressionParser()).load("orders.yaml", text)).spec();
    Governance governance = new Governance(List.of(new Policy.StewardRequired(), new Policy.AvailabilityTargetFloor(0.9999)));
    // No Temporal client: a refused spec never reaches the monitor, so none is needed to prove it.
    ProductRegistrar registrar = new ProductRegistrar(STORE.database().registry(), STORE.database().incidents(), null, "meshwatch",
        MonitorSettings.defaults(), Clock.systemUTC(), governance);

    assertThatThrownBy(() -> registrar.register(spec, text, "test"))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.violations()).hasSize(2))
        .hasMessageContaining("policy steward-required: metadata.steward: every product needs a steward")
        .hasMessageContaining("policy availability-target-floor: spec.sla.availability_target: must be at least 0.9999, got 0.999");
    assertThat(STORE.database().registry().find(spec.id())).isEmpty();
    assertThat(registrar.governance()).isSameAs(governance);
  }
}
