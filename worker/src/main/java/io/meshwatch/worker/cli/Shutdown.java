package io.meshwatch.worker.cli;

import java.util.concurrent.CountDownLatch;

/** Blocks a long-running command until the process is asked to stop (Ctrl-C, SIGTERM). */
final class Shutdown {

  private Shutdown() {}

  static void await() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        // Let the command close its resources before the JVM exits.
        main.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "meshwatch-shutdown"));
    stop.await();
  }
}
