package io.meshwatch.activities.store;

import io.meshwatch.activities.store.jooq.Meshwatch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for one test class, migrated once; every test starts from empty tables.
 * Register it as a {@code static} field with {@code @RegisterExtension}.
 */
public final class EmbeddedStore implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  private EmbeddedPostgres postgres;
  private StoreDatabase database;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    // Pooled like the worker's store; unpooled, every statement would open a connection.
    database = StoreDatabase.connect(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // One statement for all tables: truncating them one by one, each cascading, is much slower.
    database.dsl().query("truncate table {0}", DSL.list(Meshwatch.MESHWATCH.getTables())).execute();
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

  public EmbeddedPostgres postgres() {
    return postgres;
  }

  public StoreDatabase database() {
    return database;
  }

  public DSLContext dsl() {
    return database.dsl();
  }
}
