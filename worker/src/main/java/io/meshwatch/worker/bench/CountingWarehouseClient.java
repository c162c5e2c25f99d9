package io.meshwatch.worker.bench;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseClient;
import io.meshwatch.activities.warehouse.WarehouseException;

/**
 * A real warehouse client with every call written to a ledger: the statements it issued, read from
 * the call's own tally, so scans are counted where they reach the warehouse rather than where the
 * workflow reports them.
 */
final class CountingWarehouseClient implements WarehouseClient {

  private final WarehouseClient delegate;
  private final PortLedger ledger;

  CountingWarehouseClient(WarehouseClient delegate, PortLedger ledger) {
    this.delegate = delegate;
    this.ledger = ledger;
  }

  @Override
  public Dialect dialect() {
    return delegate.dialect();
  }

  @Override
  public ResolvedTable columns(TableName table, QueryContext context) throws WarehouseException {
    Counting call = new Counting(context);
    try {
      return delegate.columns(table, context);
    } finally {
      call.finish(PortCall.Operation.COLUMNS, null);
    }
  }

  @Override
  public TableProbe probe(TableName table, String freshnessColumn, QueryContext context) throws WarehouseException {
    Counting call = new Counting(context);
    TableProbe probe = null;
    try {
      probe = delegate.probe(table, freshnessColumn, context);
      return probe;
    } finally {
      call.finish(PortCall.Operation.PROBE, probe == null ? null : probe.dataVersion());
    }
  }

  @Override
  public ScanRow scan(ScanQuery query, QueryContext context) throws WarehouseException {
    Counting call = new Counting(context);
    try {
      return delegate.scan(query, context);
    } finally {
      call.finish(PortCall.Operation.SCAN, null);
    }
  }

  /** The tally's counts when a call starts; the call's statements are the difference at its end. */
  private final class Counting {
    private final QueryContext context;
    private final int scans;
    private final int metadata;
    private final int session;
    private final long started;

    Counting(QueryContext context) {
      this.context = context;
      StatementTally tally = context.tally();
      this.scans = tally.count(StatementKind.SCAN);
      this.metadata = tally.count(StatementKind.METADATA);
      this.session = tally.count(StatementKind.SESSION);
      ledger.started();
      this.started = System.nanoTime();
    }

    void finish(PortCall.Operation operation, String dataVersion) {
      long nanos = System.nanoTime() - started;
      StatementTally tally = context.tally();
      ledger.finished(new PortCall(context.tag().value(), operation, tally.count(StatementKind.SCAN) - scans,
          tally.count(StatementKind.METADATA) - metadata, tally.count(StatementKind.SESSION) - session, nanos,
          dataVersion));
    }
  }
}
