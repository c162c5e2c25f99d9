package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.jooq.Tables.PRODUCTS;
import static io.meshwatch.activities.store.jooq.Tables.SPEC_VERSIONS;
import static io.meshwatch.activities.store.jooq.Tables.STATUS_SEGMENTS;

import io.meshwatch.activities.store.jooq.tables.records.ProductsRecord;
import io.meshwatch.activities.store.jooq.tables.records.SpecVersionsRecord;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;

/**
 * The product registry: which products exist, their spec history, and whether they are active or
 * paused. Every write is one transaction.
 */
public final class RegistryStore {

  private final DSLContext dsl;

  public RegistryStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Registers {@code spec}. Applying the spec an active product already has changes nothing, so
   * {@code meshwatch apply} can run on every commit. Concurrent applies of one product are
   * serialised by a lock on its row; the key (product, version) would refuse a duplicate version
   * even without it.
   *
   * @param sourceText the text the spec was read from (YAML), kept for the history; may be null
   */
  public ApplyResult apply(ProductSpec spec, String sourceText, String appliedBy, Instant at) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(at, "at");
    if (appliedBy == null || appliedBy.isBlank()) {
      throw new IllegalArgumentException("appliedBy must name who applied the spec");
    }
    String json = SpecJson.canonical(spec);
    String sha256 = SpecJson.sha256(json);
    Instant when = Instants.micros(at);
    String key = spec.id().toString();

    return dsl.transactionResult(configuration -> {
      DSLContext tx = configuration.dsl();
      // A concurrent creator makes this insert wait for its commit and then do nothing, so the
      // row lock below always finds the row.
      int created =
          tx.insertInto(PRODUCTS)
              .set(PRODUCTS.PRODUCT_ID, key)
              .set(PRODUCTS.DOMAIN, spec.id().domain())
              .set(PRODUCTS.NAME, spec.id().name())
              .set(PRODUCTS.OWNER, spec.owner())
              .set(PRODUCTS.STEWARD, spec.steward())
              .set(PRODUCTS.CURRENT_VERSION, 1L)
              .set(PRODUCTS.CREATED_AT, when)
              .set(PRODUCTS.UPDATED_AT, when)
              .onConflictDoNothing()
              .execute();
      if (created == 1) {
        insertVersion(tx, key, 1, json, sourceText, sha256, appliedBy, when);
        return new ApplyResult(spec.id(), 1, ApplyOutcome.CREATED);
      }

      ProductsRecord product = tx.selectFrom(PRODUCTS).where(PRODUCTS.PRODUCT_ID.eq(key)).forUpdate().fetchSingle();
      long current = product.getCurrentVersion();
      String currentSha256 =
          tx.select(SPEC_VERSIONS.SPEC_SHA256)
              .from(SPEC_VERSIONS)
              .where(SPEC_VERSIONS.PRODUCT_ID.eq(key), SPEC_VERSIONS.VERSION.eq(current))
              .fetchSingle(SPEC_VERSIONS.SPEC_SHA256);
      boolean sameSpec = currentSha256.equals(sha256);
      if (sameSpec && product.getActive()) {
        return new ApplyResult(spec.id(), current, ApplyOutcome.UNCHANGED);
      }

      long version = sameSpec ? current : current + 1;
      if (!sameSpec) {
        insertVersion(tx, key, version, json, sourceText, sha256, appliedBy, when);
      }
      tx.update(PRODUCTS)
          .set(PRODUCTS.OWNER, spec.owner())
          .set(PRODUCTS.STEWARD, spec.steward())
          .set(PRODUCTS.CURRENT_VERSION, version)
          .set(PRODUCTS.UPDATED_AT, when)
          .set(PRODUCTS.ACTIVE, true)
          .setNull(PRODUCTS.RETIRED_AT)
          .setNull(PRODUCTS.RETIRED_BY)
          .where(PRODUCTS.PRODUCT_ID.eq(key))
          .execute();
      return new ApplyResult(spec.id(), version, product.getActive() ? ApplyOutcome.UPDATED : ApplyOutcome.REACTIVATED);
    });
  }

  /** Active products with their current spec: the monitors a starting worker must (re)start. */
  public List<RegisteredProduct> findActive() {
    return selectProducts().where(PRODUCTS.ACTIVE.isTrue()).orderBy(PRODUCTS.PRODUCT_ID).fetch(RegistryStore::toProduct);
  }

  /** A product, active or retired. */
  public Optional<RegisteredProduct> find(ProductId id) {
    return selectProducts().where(PRODUCTS.PRODUCT_ID.eq(id.toString())).fetchOptional(RegistryStore::toProduct);
  }

  /** The product's registration history, oldest first; empty for an unknown product. */
  public List<SpecVersion> versions(ProductId id) {
    return dsl.selectFrom(SPEC_VERSIONS)
        .where(SPEC_VERSIONS.PRODUCT_ID.eq(id.toString()))
        .orderBy(SPEC_VERSIONS.VERSION)
        .fetch(RegistryStore::toVersion);
  }

  /** One version of a product's spec, with its source text (to diff against a new spec). */
  public Optional<StoredSpec> findSpec(ProductId id, long version) {
    return dsl.selectFrom(SPEC_VERSIONS)
        .where(SPEC_VERSIONS.PRODUCT_ID.eq(id.toString()), SPEC_VERSIONS.VERSION.eq(version))
        .fetchOptional(r -> new StoredSpec(toVersion(r), SpecJson.parse(r.getSpec().data()), r.getSourceText()));
  }

  /**
   * Retires an active product: it keeps its history, drops out of {@link #findActive}, and its
   * open status segment is closed where it was last confirmed (nothing is measured after).
   *
   * @return false when the product is unknown or already retired
   */
  public boolean retire(ProductId id, String by, Instant at) {
    Objects.requireNonNull(at, "at");
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("by must name who retired the product");
    }
    Instant when = Instants.micros(at);
    return dsl.transactionResult(configuration -> {
      DSLContext tx = configuration.dsl();
      int retired =
          tx.update(PRODUCTS)
              .set(PRODUCTS.ACTIVE, false)
              .set(PRODUCTS.RETIRED_AT, when)
              .set(PRODUCTS.RETIRED_BY, by)
              .set(PRODUCTS.UPDATED_AT, when)
              .where(PRODUCTS.PRODUCT_ID.eq(id.toString()), PRODUCTS.ACTIVE.isTrue())
              .execute();
      if (retired == 1) {
        tx.update(STATUS_SEGMENTS)
            .set(STATUS_SEGMENTS.IS_OPEN, false)
            .where(STATUS_SEGMENTS.PRODUCT_ID.eq(id.toString()), STATUS_SEGMENTS.IS_OPEN.isTrue())
            .execute();
      }
      return retired == 1;
    });
  }

  /**
   * Pauses or resumes monitoring of a product; the monitor records the PAUSED state itself.
   *
   * @return false when the product is unknown
   */
  public boolean setPaused(ProductId id, boolean paused) {
    return dsl.update(PRODUCTS)
            .set(PRODUCTS.PAUSED, paused)
            .where(PRODUCTS.PRODUCT_ID.eq(id.toString()))
            .execute()
        == 1;
  }

  private org.jooq.SelectOnConditionStep<Record> selectProducts() {
    return dsl.select(PRODUCTS.fields())
        .select(SPEC_VERSIONS.SPEC)
        .from(PRODUCTS)
        .join(SPEC_VERSIONS)
        .on(SPEC_VERSIONS.PRODUCT_ID.eq(PRODUCTS.PRODUCT_ID), SPEC_VERSIONS.VERSION.eq(PRODUCTS.CURRENT_VERSION));
  }

  private static void insertVersion(
      DSLContext tx,
      String key,
      long version,
      String json,
      String sourceText,
      String sha256,
      String appliedBy,
      Instant at) {
    tx.insertInto(SPEC_VERSIONS)
        .set(SPEC_VERSIONS.PRODUCT_ID, key)
        .set(SPEC_VERSIONS.VERSION, version)
        .set(SPEC_VERSIONS.SPEC, JSONB.valueOf(json))
        .set(SPEC_VERSIONS.SOURCE_TEXT, sourceText)
        .set(SPEC_VERSIONS.SPEC_SHA256, sha256)
        .set(SPEC_VERSIONS.APPLIED_BY, appliedBy)
        .set(SPEC_VERSIONS.APPLIED_AT, at)
        .execute();
  }

  private static RegisteredProduct toProduct(Record r) {
    return new RegisteredProduct(
        new ProductId(r.get(PRODUCTS.DOMAIN), r.get(PRODUCTS.NAME)),
        r.get(PRODUCTS.CURRENT_VERSION),
        SpecJson.parse(r.get(SPEC_VERSIONS.SPEC).data()),
        r.get(PRODUCTS.ACTIVE),
        r.get(PRODUCTS.PAUSED),
        r.get(PRODUCTS.CREATED_AT),
        r.get(PRODUCTS.UPDATED_AT),
        r.get(PRODUCTS.RETIRED_AT),
        r.get(PRODUCTS.RETIRED_BY));
  }

  private static SpecVersion toVersion(SpecVersionsRecord r) {
    return new SpecVersion(r.getVersion(), r.getSpecSha256(), r.getAppliedBy(), r.getAppliedAt());
  }
}
