package io.meshwatch.worker.bench;

import java.util.ArrayList;
import java.util.List;

/** Every call through the counted warehouse port, in order, and how many are running. Thread-safe. */
final class PortLedger {

  private final List<PortCall> calls = new ArrayList<>();
  private int running;

  synchronized void started() {
    running++;
  }

  synchronized void finished(PortCall call) {
    running--;
    calls.add(call);
    notifyAll();
  }

  synchronized List<PortCall> calls() {
    return List.copyOf(calls);
  }

  /** Waits until no call is running, so a writer does not meet a reader holding the table. */
  synchronized void awaitIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (running > 0) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new IllegalStateException("warehouse calls still running after " + timeoutMillis + " ms");
      }
      wait(left);
    }
  }
}
