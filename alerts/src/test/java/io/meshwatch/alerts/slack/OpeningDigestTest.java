package io.meshwatch.alerts.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.alerts.Incidents;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first openings of a window go alone; the rest wait for one digest per window and channel. */
class OpeningDigestTest {

  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private final IncidentSnapshot incident = Incidents.open();

  private OpeningDigest.Admission admit(OpeningDigest digest, String channel, int n) {
    return digest.admit(channel, "key-" + n, incident);
  }

  @Test
  void moreThanDigestAfterOpeningsInAWindowStartABatchThatCollectsTheRest() {
    OpeningDigest digest = new OpeningDigest(2, Duration.ofMinutes(1), Clock.fixed(T0, ZoneOffset.UTC));

    List<OpeningDigest.Admission> admissions = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      admissions.add(admit(digest, "C1", n));
    }

    assertThat(admissions.subList(0, 2)).allMatch(a -> a instanceof OpeningDigest.Admission.Alone);
    assertThat(admissions.subList(2, 5)).allMatch(a -> a instanceof OpeningDigest.Admission.Batched);
    OpeningDigest.Admission.Batched leader = (OpeningDigest.Admission.Batched) admissions.get(2);
    assertThat(leader.leader()).isTrue();
    assertThat(admissions.subList(3, 5)).allSatisfy(a -> {
      OpeningDigest.Admission.Batched member = (OpeningDigest.Admission.Batched) a;
      assertThat(member.leader()).isFalse();
      assertThat(member.batch()).isSameAs(leader.batch());
    });
    assertThat(leader.batch().closes()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    assertThat(digest.seal(leader.batch())).extracting(OpeningDigest.Entry::key).containsExactly("key-2", "key-3", "key-4");
  }

  @Test
  void channelsAreCountedApart() {
    OpeningDigest digest = new OpeningDigest(1, Duration.ofMinutes(1), Clock.fixed(T0, ZoneOffset.UTC));

    assertThat(admit(digest, "C1", 0)).isInstanceOf(OpeningDigest.Admission.Alone.class);
    assertThat(admit(digest, "C2", 1)).isInstanceOf(OpeningDigest.Admission.Alone.class);
    assertThat(admit(digest, "C1", 2)).isInstanceOf(OpeningDigest.Admission.Batched.class);
  }

  @Test
  void aSealedBatchTakesNoNewcomersAndAStormThatGoesOnStartsTheNextOne() {
    OpeningDigest digest = new OpeningDigest(1, Duration.ofMinutes(1), Clock.fixed(T0, ZoneOffset.UTC));
    admit(digest, "C1", 0);
    OpeningDigest.Admission.Batched first = (OpeningDigest.Admission.Batched) admit(digest, "C1", 1);

    digest.seal(first.batch());
    OpeningDigest.Admission.Batched next = (OpeningDigest.Admission.Batched) admit(digest, "C1", 2);

    assertThat(next.leader()).isTrue();
    assertThat(next.batch()).isNotSameAs(first.batch());
    assertThat(digest.collecting("C1")).isTrue();
  }

  @Test
  void openingsOlderThanTheWindowNoLongerCount() {
    Instant[] now = {T0};
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now[0];
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    OpeningDigest digest = new OpeningDigest(2, Duration.ofMinutes(1), clock);
    admit(digest, "C1", 0);
    admit(digest, "C1", 1);

    now[0] = T0.plus(Duration.ofSeconds(61));

    assertThat(admit(digest, "C1", 2)).isInstanceOf(OpeningDigest.Admission.Alone.class);
  }

  @Test
  void aDigestOfManyIsSplitIntoMessagesOfAtMostFiftyBlocksAndKeepsEveryOne() {
    List<OpeningDigest.Entry> entries = new ArrayList<>();
    for (int n = 0; n < 100; n++) {
      IncidentSnapshot s = Incidents.open(Incidents.product("storm", "p-" + n, "team-orders"),
          List.of(Incidents.completeness(T0), Incidents.freshness(T0)));
      entries.add(new OpeningDigest.Entry("key-" + n, s, new java.util.concurrent.CompletableFuture<>()));
    }

    List<DigestMessages.Part> parts = DigestMessages.parts("C1", T0, Duration.ofMinutes(1), 5, entries);

    assertThat(parts).hasSize(3);
    assertThat(parts).allSatisfy(p -> assertThat(p.message().blocks().size()).isLessThanOrEqualTo(50));
    assertThat(parts.stream().flatMap(p -> p.entries().stream()).map(OpeningDigest.Entry::key).toList())
        .isEqualTo(entries.stream().map(OpeningDigest.Entry::key).toList());
    assertThat(parts.getFirst().message().text()).startsWith("100 data products breached (1/3): storm/p-0, storm/p-1");
    @SuppressWarnings("unchecked")
    List<java.util.Map<String, Object>> members =
        (List<java.util.Map<String, Object>>) parts.get(2).message().metadata().getEventPayload().get("members");
    assertThat(members).hasSize(4).first().satisfies(m -> assertThat(m).containsEntry("key", "key-96"));
  }
}
