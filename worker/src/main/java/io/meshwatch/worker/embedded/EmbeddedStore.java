package io.meshwatch.worker.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Embedded PostgreSQL (real PostgreSQL binaries from Maven Central) with its data directory kept on
 * disk, so registrations, results and incidents survive a restart of the embedded worker.
 */
public final class EmbeddedStore implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private EmbeddedStore(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedStore start(Path dataDirectory) throws IOException {
    Files.createDirectories(dataDirectory);
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setPGStartupWait(Duration.ofSeconds(30))
        .start();
    return new EmbeddedStore(postgres);
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public String user() {
    return "postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
