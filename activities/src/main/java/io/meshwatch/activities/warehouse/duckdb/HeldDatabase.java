package io.meshwatch.activities.warehouse.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Connections to one DuckDB database that stays open while calls use it and for {@code keepOpen}
 * after the last one ends, then is closed so that the file is free for the process that writes it.
 *
 * <p>Opening a DuckDB file starts a database instance: tens of milliseconds, and its buffer pool
 * starts empty. A monitor's probe and evaluation follow each other within milliseconds, and the
 * products of one connection are polled together, so one instance serves them all. Each call gets
 * its own connection to the held instance ({@link DuckDBConnection#duplicate()}). With a zero
 * {@code keepOpen} the database closes as soon as no call uses it.
 *
 * <p>A database opened read-only also keeps the connections its calls returned, up to
 * {@link #IDLE_CONNECTIONS}, and hands them out again: a fresh duplicate costs about 2 ms before its
 * first query runs at full speed, and on a read-only database a connection carries no transaction or
 * write from one call to the next.
 */
final class HeldDatabase implements ConnectionFactory {

  private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "meshwatch-duckdb-closer");
    thread.setDaemon(true);
    return thread;
  });

  static final int IDLE_CONNECTIONS = 8;

  private final String url;
  private final Properties properties;
  private final Duration keepOpen;
  private final boolean reuseConnections;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private DuckDBConnection root;
  private int inUse;
  private ScheduledFuture<?> pendingClose;
  private int instancesOpened;

  HeldDatabase(String url, Properties properties, Duration keepOpen) {
    this.url = Objects.requireNonNull(url);
    this.properties = Objects.requireNonNull(properties);
    this.keepOpen = Objects.requireNonNull(keepOpen);
    this.reuseConnections = Boolean.parseBoolean(properties.getProperty("duckdb.read_only"));
  }

  @Override
  public synchronized Connection openConnection() throws SQLException {
    if (pendingClose != null) {
      pendingClose.cancel(false);
      pendingClose = null;
    }
    if (root == null || root.isClosed()) {
      root = DriverManager.getConnection(url, properties).unwrap(DuckDBConnection.class);
      instancesOpened++;
    }
    Connection connection = idle.pollFirst();
    if (connection == null || connection.isClosed()) {
      connection = root.duplicate();
    }
    inUse++;
    return connection;
  }

  @Override
  public void closeConnection(Connection connection) throws SQLException {
    try {
      if (!keep(connection)) {
        connection.close();
      }
    } finally {
      released();
    }
  }

  private synchronized boolean keep(Connection connection) throws SQLException {
    if (!reuseConnections || root == null || idle.size() >= IDLE_CONNECTIONS || connection.isClosed()) {
      return false;
    }
    idle.addFirst(connection);
    return true;
  }

  /** Whether the database is open now (for tests and the benchmark's account of its costs). */
  synchronized boolean isOpen() {
    return root != null;
  }

  /** How many times the database has been opened (for tests and the benchmark). */
  synchronized int instancesOpened() {
    return instancesOpened;
  }

  private synchronized void released() {
    inUse--;
    if (inUse > 0 || root == null) {
      return;
    }
    if (keepOpen.isZero()) {
      closeRoot();
    } else {
      pendingClose = CLOSER.schedule(this::closeIfIdle, keepOpen.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private synchronized void closeIfIdle() {
    pendingClose = null;
    if (inUse == 0) {
      closeRoot();
    }
  }

  private void closeRoot() {
    for (Connection connection : idle) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing: nothing of it is needed any more.
      }
    }
    idle.clear();
    try {
      root.close();
    } catch (SQLException ignored) {
      // Closing an instance that failed has nothing left to release.
    }
    root = null;
  }
}
