package io.meshwatch.activities.warehouse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Records every statement JDBI sends to the warehouse: the tests' own count of what an evaluation
 * issues, independent of the tally the adapters keep.
 */
public final class RecordingSqlLogger implements SqlLogger {

  private final List<String> statements = new CopyOnWriteArrayList<>();

  @Override
  public void logBeforeExecution(StatementContext context) {
    statements.add(context.getRenderedSql());
  }

  public List<String> statements() {
    return List.copyOf(statements);
  }

  public void clear() {
    statements.clear();
  }
}
