package io.meshwatch.activities.warehouse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/** One embedded PostgreSQL for every warehouse test of the module, started on first use. */
public final class SharedPostgres {

  private static EmbeddedPostgres postgres;

  private SharedPostgres() {}

  public static synchronized EmbeddedPostgres instance() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // The JVM is exiting; the data directory is temporary.
        }
      }));
    }
    return postgres;
  }

  public static DataSource dataSource() {
    return instance().getPostgresDatabase();
  }

  public static String jdbcUrl() {
    return instance().getJdbcUrl("postgres", "postgres");
  }
}
