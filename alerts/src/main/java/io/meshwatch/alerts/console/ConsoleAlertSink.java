package io.meshwatch.alerts.console;

import io.meshwatch.alerts.AlertSink;
import io.meshwatch.alerts.AlertText;
import io.meshwatch.workflows.activities.NotifyInput;
import java.io.PrintStream;

/** The embedded default: prints each alert as readable text. */
public final class ConsoleAlertSink implements AlertSink {

  private final PrintStream out;

  public ConsoleAlertSink(PrintStream out) {
    this.out = out;
  }

  @Override
  public void deliver(NotifyInput alert) {
    String text = AlertText.render(alert);
    synchronized (out) {
      out.print(text);
      out.flush();
    }
  }
}
