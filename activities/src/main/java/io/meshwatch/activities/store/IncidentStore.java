package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.jooq.Tables.INCIDENTS;
import static io.meshwatch.activities.store.jooq.Tables.INCIDENT_TRANSITIONS;

import io.meshwatch.activities.store.jooq.tables.records.IncidentTransitionsRecord;
import io.meshwatch.activities.store.jooq.tables.records.IncidentsRecord;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.IncidentTransition;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.RecordIncidentOutput;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Incidents and their transitions (DESIGN §7). The incident workflow records each transition with
 * the incident as it stands after it; a transition is keyed by (incident, sequence), so a retried
 * record changes nothing, and the incident row only ever moves forward: a transition recorded late
 * (a lower sequence than the row's) is kept in the history but does not overwrite newer state.
 * Everything survives a worker restart, which is how open incidents are reloaded.
 */
public final class IncidentStore {

  /** The default length of {@link #findRecent}: enough for a page of history, never the whole table. */
  public static final int DEFAULT_RECENT = 200;

  /**
   * Open means "not resolved". Inlined, not bound, so the planner can match the partial index
   * {@code incidents_open_ix}, whose predicate is this very condition.
   */
  private static final Condition OPEN = INCIDENTS.STATE.ne(DSL.inline(IncidentState.RESOLVED.name()));

  private final DSLContext dsl;
  private final Clock clock;

  public IncidentStore(DSLContext dsl, Clock clock) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public IncidentStore(DSLContext dsl) {
    this(dsl, Clock.systemUTC());
  }

  /**
   * Records one transition and the incident as it stands after it, in one transaction. The main
   * message, once known, is kept even when a later record does not carry it.
   *
   * @return {@code recorded} false when this transition was already stored (a retry)
   * @throws RejectedIncidentException for input no retry can fix: no id, or an id stored for another
   *     product or opening time
   */
  public RecordIncidentOutput record(RecordIncidentInput input) {
    validate(input);
    IncidentSnapshot snapshot = input.incident();
    IncidentTransition transition = input.transition();
    String id = snapshot.incidentId();
    ProductId product = snapshot.product().id();
    Instant openedAt = Instants.micros(snapshot.openedAt());
    Instant now = Instants.micros(clock.instant());

    return dsl.transactionResult(configuration -> {
      DSLContext tx = configuration.dsl();
      IncidentsRecord row = tx.newRecord(INCIDENTS);
      row.setIncidentId(id);
      row.setProductId(product.toString());
      row.setDomain(product.domain());
      row.setName(product.name());
      row.setOpenedAt(openedAt);
      setState(row, snapshot, transition.sequence(), now);
      setMessage(row, input.message());
      // A concurrent first record of the same incident makes this wait for the winner's commit
      // and then do nothing, so the lock below always finds the row.
      int created = tx.insertInto(INCIDENTS).set(row).onConflictDoNothing().execute();
      if (created == 0) {
        IncidentsRecord stored = tx.selectFrom(INCIDENTS).where(INCIDENTS.INCIDENT_ID.eq(id)).forUpdate().fetchSingle();
        if (!stored.getProductId().equals(product.toString()) || !stored.getOpenedAt().equals(openedAt)) {
          throw new RejectedIncidentException("incident " + id + " is stored for " + stored.getProductId() + " opened at "
              + stored.getOpenedAt() + ", not for " + product + " opened at " + openedAt);
        }
        if (transition.sequence() >= stored.getLastSequence()) {
          setState(stored, snapshot, transition.sequence(), now);
        }
        if (input.message() != null && (transition.sequence() >= stored.getLastSequence() || stored.getMessageSink() == null)) {
          setMessage(stored, input.message());
        }
        stored.update();
      }
      int inserted =
          tx.insertInto(INCIDENT_TRANSITIONS)
              .set(INCIDENT_TRANSITIONS.INCIDENT_ID, id)
              .set(INCIDENT_TRANSITIONS.SEQUENCE, transition.sequence())
              .set(INCIDENT_TRANSITIONS.AT, Instants.micros(transition.at()))
              .set(INCIDENT_TRANSITIONS.KIND, transition.kind().name())
              .set(INCIDENT_TRANSITIONS.ACTOR, transition.by().name())
              .set(INCIDENT_TRANSITIONS.VIA, transition.by().via())
              .set(INCIDENT_TRANSITIONS.DETAIL, transition.detail())
              .set(INCIDENT_TRANSITIONS.RECORDED_AT, now)
              .onConflictDoNothing()
              .execute();
      return new RecordIncidentOutput(inserted == 1);
    });
  }

  /** Incidents not yet resolved (open, acknowledged or snoozed), newest first. */
  public List<StoredIncident> findOpen() {
    return dsl.selectFrom(INCIDENTS)
        .where(OPEN)
        .orderBy(INCIDENTS.OPENED_AT.desc(), INCIDENTS.INCIDENT_ID)
        .fetch(IncidentStore::toIncident);
  }

  /** The {@code limit} most recently opened incidents, resolved or not, newest first. */
  public List<StoredIncident> findRecent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return dsl.selectFrom(INCIDENTS)
        .orderBy(INCIDENTS.OPENED_AT.desc(), INCIDENTS.INCIDENT_ID)
        .limit(limit)
        .fetch(IncidentStore::toIncident);
  }

  /** Every incident of a product, newest first; empty for a product that never had one. */
  public List<StoredIncident> findByProduct(ProductId product) {
    return dsl.selectFrom(INCIDENTS)
        .where(INCIDENTS.PRODUCT_ID.eq(product.toString()))
        .orderBy(INCIDENTS.OPENED_AT.desc(), INCIDENTS.INCIDENT_ID)
        .fetch(IncidentStore::toIncident);
  }

  /** The product's newest incident that is not resolved. */
  public Optional<StoredIncident> findOpen(ProductId product) {
    return dsl.selectFrom(INCIDENTS)
        .where(INCIDENTS.PRODUCT_ID.eq(product.toString()), OPEN)
        .orderBy(INCIDENTS.OPENED_AT.desc(), INCIDENTS.INCIDENT_ID)
        .limit(1)
        .fetchOptional(IncidentStore::toIncident);
  }

  /** One incident as it stands, without its transitions. */
  public Optional<StoredIncident> findIncident(String incidentId) {
    return dsl.selectFrom(INCIDENTS).where(INCIDENTS.INCIDENT_ID.eq(incidentId)).fetchOptional(IncidentStore::toIncident);
  }

  /** One incident with its transitions in sequence order. */
  public Optional<IncidentHistory> find(String incidentId) {
    return dsl.transactionResult(configuration -> {
      // One snapshot for the row and its transitions, so they agree.
      DSLContext tx = configuration.dsl();
      tx.execute("set transaction isolation level repeatable read, read only");
      Optional<StoredIncident> incident =
          tx.selectFrom(INCIDENTS).where(INCIDENTS.INCIDENT_ID.eq(incidentId)).fetchOptional(IncidentStore::toIncident);
      return incident.map(i -> new IncidentHistory(
          i,
          tx.selectFrom(INCIDENT_TRANSITIONS)
              .where(INCIDENT_TRANSITIONS.INCIDENT_ID.eq(incidentId))
              .orderBy(INCIDENT_TRANSITIONS.SEQUENCE)
              .fetch(IncidentStore::toTransition)));
    });
  }

  private static void setState(IncidentsRecord row, IncidentSnapshot s, int sequence, Instant now) {
    row.setOwner(s.product().owner());
    row.setState(s.state().name());
    row.setProductState(s.productState() == null ? null : s.productState().name());
    row.setAcknowledgedAt(Instants.micros(s.acknowledgedAt()));
    row.setAcknowledgedBy(s.acknowledgedBy() == null ? null : s.acknowledgedBy().name());
    row.setAcknowledgedVia(s.acknowledgedBy() == null ? null : s.acknowledgedBy().via());
    row.setSnoozedUntil(Instants.micros(s.snoozedUntil()));
    row.setResolvedAt(Instants.micros(s.resolvedAt()));
    row.setResolution(s.resolution() == null ? null : s.resolution().name());
    row.setResolvedBy(s.resolvedBy() == null ? null : s.resolvedBy().name());
    row.setResolvedVia(s.resolvedBy() == null ? null : s.resolvedBy().via());
    row.setNote(s.note());
    row.setFailing(FailingChecksJson.write(s.failing()));
    row.setLastSequence(sequence);
    row.setUpdatedAt(Instants.micros(s.at()));
    row.setRecordedAt(now);
  }

  private static void setMessage(IncidentsRecord row, MessageRef message) {
    if (message != null) {
      row.setMessageSink(message.sink());
      row.setMessageChannel(message.channel());
      row.setMessageId(message.id());
    }
  }

  private static void validate(RecordIncidentInput input) {
    if (input == null) {
      throw new RejectedIncidentException("no incident transition given");
    }
    IncidentSnapshot snapshot = input.incident();
    if (snapshot.incidentId().isBlank()) {
      throw new RejectedIncidentException("an incident needs an id");
    }
    ProductId product = snapshot.product().id();
    if (product.domain().isBlank() || product.name().isBlank()) {
      throw new RejectedIncidentException("incident " + snapshot.incidentId() + " names no product");
    }
  }

  private static StoredIncident toIncident(IncidentsRecord r) {
    MessageRef message = r.getMessageSink() == null ? null : new MessageRef(r.getMessageSink(), r.getMessageChannel(), r.getMessageId());
    return new StoredIncident(
        r.getIncidentId(),
        new ProductId(r.getDomain(), r.getName()),
        r.getOwner(),
        IncidentState.valueOf(r.getState()),
        r.getProductState() == null ? null : ProductState.valueOf(r.getProductState()),
        r.getOpenedAt(),
        r.getAcknowledgedAt(),
        actor(r.getAcknowledgedBy(), r.getAcknowledgedVia()),
        r.getSnoozedUntil(),
        r.getResolvedAt(),
        r.getResolution() == null ? null : Resolution.valueOf(r.getResolution()),
        actor(r.getResolvedBy(), r.getResolvedVia()),
        r.getNote(),
        FailingChecksJson.read(r.getFailing()),
        message,
        r.getLastSequence(),
        r.getUpdatedAt());
  }

  private static StoredTransition toTransition(IncidentTransitionsRecord r) {
    return new StoredTransition(
        r.getSequence(), r.getAt(), TransitionKind.valueOf(r.getKind()), new Actor(r.getActor(), r.getVia()), r.getDetail());
  }

  private static Actor actor(String name, String via) {
    return name == null ? null : new Actor(name, via);
  }
}
