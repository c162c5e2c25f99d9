package io.meshwatch.alerts.console;

import io.meshwatch.alerts.IncidentSink;
import io.meshwatch.alerts.SinkResult;
import io.meshwatch.alerts.outbox.DeliveryOutbox;
import io.meshwatch.alerts.outbox.OutboxEntry;
import io.meshwatch.alerts.text.IncidentLine;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.MessageRef;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The embedded default: one readable line per delivery on a stream (standard output in the worker).
 * It goes through the outbox like every sink, so a retried activity does not print twice.
 */
public final class ConsoleSink implements IncidentSink {

  public static final String NAME = "console";

  private final PrintStream out;
  private final DeliveryOutbox outbox;

  public ConsoleSink(PrintStream out, DeliveryOutbox outbox) {
    this.out = Objects.requireNonNull(out, "out");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SinkResult deliver(DeliveryInput input) {
    // The console keeps no message to edit; its reference only says the incident was shown here.
    MessageRef message = input.intent() == DeliveryIntent.OPENED ? new MessageRef(NAME, null, input.key()) : input.message();
    String key = input.key() + "@" + NAME;
    OutboxEntry entry = outbox.claim(key, input.incident().incidentId(), input.intent().name(), NAME);
    if (entry.sent()) {
      return SinkResult.skipped(message);
    }
    String line = IncidentLine.render(input.intent(), input.incident());
    synchronized (out) {
      out.println(line);
      out.flush();
    }
    outbox.markSent(key, input.key());
    return new SinkResult(message, true);
  }
}
