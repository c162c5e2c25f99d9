package io.meshwatch.worker.embedded;

import io.temporal.testserver.TestServer;
import java.lang.reflect.Field;
import java.util.LinkedList;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's test server on a port, for the embedded worker and the benchmarks, without the leak in
 * its timer's lock-event log.
 *
 * <p>The test server's timer appends an event to a list, kept "for debugging purposes only", each
 * time a request locks or unlocks time skipping, and removes only the lock events taken through a
 * handle — by a linear search from the oldest. Every workflow or activity task leaves two events
 * behind for good, so the list grows by hundreds a second under load and every timer that fires
 * scans it while holding the timer's one lock. Over a 20-minute run with 10,000 products that scan
 * took half of the server's CPU, and the list alone would fill gigabytes of heap in days of embedded
 * running. The server has no option to turn it off (Temporal SDK 1.38.0, the latest), so the list is
 * swapped for one that keeps nothing; only the text of the server's lock diagnostics is lost, and
 * balance is still checked by the timer's own lock counter.
 */
public final class EmbeddedTemporalServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private EmbeddedTemporalServer() {}

  /** Starts the test server on {@code port} (real time, no time skipping) with the lock-event log emptied. */
  public static TestServer.PortBoundTestServer start(int port) {
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
    try {
      forgetLockEvents(server);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A later SDK may have moved or fixed it: the server still works, it only slows down over time.
      log.warn("could not empty the embedded Temporal server's lock-event log ({}); a long run will slow down and grow in memory", e.toString());
    }
    return server;
  }

  /** The number of lock events {@code server}'s timer holds: 0 once emptied. For tests. */
  static int lockEvents(TestServer.PortBoundTestServer server) throws ReflectiveOperationException {
    Object timer = timer(server);
    Lock lock = (Lock) field(timer, "lock").get(timer);
    lock.lock();
    try {
      return ((LinkedList<?>) field(timer, "lockEvents").get(timer)).size();
    } finally {
      lock.unlock();
    }
  }

  static void forgetLockEvents(TestServer.PortBoundTestServer server) throws ReflectiveOperationException {
    Object timer = timer(server);
    Lock lock = (Lock) field(timer, "lock").get(timer);
    Field events = field(timer, "lockEvents");
    // Under the timer's lock, which every use of the list holds; the field is final, so nothing
    // re-reads it except through this object.
    lock.lock();
    try {
      events.set(timer, new NoLockEvents<>());
    } finally {
      lock.unlock();
    }
  }

  private static Object timer(TestServer.PortBoundTestServer server) throws ReflectiveOperationException {
    Object services = field(server, "testServicesStarter").get(server);
    return field(services, "selfAdvancingTimer").get(services);
  }

  private static Field field(Object owner, String name) throws NoSuchFieldException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  /**
   * The timer's calls are {@code add}, {@code remove(Object)} and iteration (for diagnostics).
   * Nothing is kept; a removal reports success because the matching lock was counted, not listed.
   */
  private static final class NoLockEvents<E> extends LinkedList<E> {
    @Override
    public boolean add(E event) {
      return true;
    }

    @Override
    public boolean remove(Object event) {
      return true;
    }
  }
}
