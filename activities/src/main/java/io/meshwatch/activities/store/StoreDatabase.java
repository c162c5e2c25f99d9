package io.meshwatch.activities.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * meshwatch's own PostgreSQL (14+): migrates schema {@value #SCHEMA} to the current version on open
 * and hands out a {@link DSLContext} for the stores.
 *
 * <p>{@link #connect} pools connections with HikariCP: the Temporal worker records cycles of many
 * products at once and the HTTP API reads beside it, so opening a connection per call would cost
 * more than the queries. The pool stays small because every store call is a short transaction.
 */
public final class StoreDatabase implements AutoCloseable {

  public static final String SCHEMA = "meshwatch";

  /** Enough for the worker's concurrent activities and API reads; each call holds one briefly. */
  public static final int DEFAULT_POOL_SIZE = 8;

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final DSLContext dsl;

  private StoreDatabase(DataSource dataSource, HikariDataSource ownedPool) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    migrate(dataSource);
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** How long a store call waits for a pooled connection before it fails (and is retried). */
  static final java.time.Duration CONNECTION_WAIT = java.time.Duration.ofSeconds(10);

  /** Connects to {@code jdbcUrl} with a pool of {@link #DEFAULT_POOL_SIZE}, then migrates. */
  public static StoreDatabase connect(String jdbcUrl, String user, String password) {
    return connect(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
  }

  /** Connects to {@code jdbcUrl} with a pool of at most {@code poolSize} connections, then migrates. */
  public static StoreDatabase connect(String jdbcUrl, String user, String password, int poolSize) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    HikariConfig config = new HikariConfig();
    config.setPoolName("meshwatch-store");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    // Well under a store write's 30 s activity timeout: while the database is down an attempt fails
    // here, counted and logged, instead of being timed out by Temporal while it still holds a slot.
    config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
    HikariDataSource pool = new HikariDataSource(config);
    try {
      return new StoreDatabase(pool, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Uses a data source the caller owns (and closes), then migrates. */
  public static StoreDatabase open(DataSource dataSource) {
    return new StoreDatabase(Objects.requireNonNull(dataSource, "dataSource"), null);
  }

  /** Applies pending migrations from {@code db/migration}; a no-op on a current schema. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  public DSLContext dsl() {
    return dsl;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** A registry on this database. */
  public RegistryStore registry() {
    return new RegistryStore(dsl);
  }

  /** A result store on this database; the timeline allows {@link StatusTimeline#DEFAULT_MAX_CYCLE_GAP} between cycles. */
  public ResultStore results() {
    return new ResultStore(dsl);
  }

  /**
   * A result store whose timeline counts more than {@code maxCycleGap} between two cycles as time
   * the monitor was away. Give it a few poll intervals, so one slow cycle does not open a gap.
   */
  public ResultStore results(Duration maxCycleGap) {
    return new ResultStore(dsl, new StatusTimeline(dsl, maxCycleGap), Clock.systemUTC());
  }

  /** The incident store on this database. */
  public IncidentStore incidents() {
    return new IncidentStore(dsl);
  }

  /** Scores over periods on this database. */
  public ScoreStore scores() {
    return new ScoreStore(dsl);
  }

  /** The delivery outbox on this database. */
  public OutboxStore outbox() {
    return new OutboxStore(dsl);
  }

  /** Closes the pool {@link #connect} opened; a caller-owned data source is left open. */
  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }
}
