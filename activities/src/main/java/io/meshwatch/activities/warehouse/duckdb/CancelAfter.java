package io.meshwatch.activities.warehouse.duckdb;

import io.meshwatch.activities.warehouse.jdbc.JdbiWarehouseClient;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A statement timeout with millisecond precision: cancels the statement when it runs past the
 * deadline. DuckDB has no server-side statement timeout, and JDBC's {@code setQueryTimeout} counts
 * whole seconds. {@link #fired()} tells a cancellation by the deadline from other interruptions.
 * Public for the Delta adapter, whose value scans run in DuckDB too.
 */
public final class CancelAfter implements JdbiWarehouseClient.Deadline {

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "meshwatch-duckdb-statement-timeout");
    thread.setDaemon(true);
    return thread;
  });

  private final Duration timeout;
  private final AtomicBoolean fired = new AtomicBoolean();
  private ScheduledFuture<?> pending;

  public CancelAfter(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void beforeExecution(PreparedStatement statement, StatementContext context) {
    pending = TIMER.schedule(() -> {
      fired.set(true);
      try {
        statement.cancel();
      } catch (SQLException alreadyDone) {
        // The statement finished or closed meanwhile: nothing left to cancel.
      }
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void afterExecution(PreparedStatement statement, StatementContext context) {
    stop();
  }

  /** Stops the timer; also called when execution failed, which skips {@link #afterExecution}. */
  @Override
  public void stop() {
    if (pending != null) {
      pending.cancel(false);
    }
  }

  @Override
  public boolean fired() {
    return fired.get();
  }
}
