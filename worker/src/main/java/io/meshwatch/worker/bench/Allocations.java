package io.meshwatch.worker.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes the calling thread has allocated on the JVM heap so far, where the JVM counts them (HotSpot
 * does), else -1. Native memory of an embedded engine is not included.
 */
final class Allocations {

  private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Allocations() {}

  static long currentThread() {
    if (THREADS instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()
        && hotspot.isThreadAllocatedMemoryEnabled()) {
      return hotspot.getCurrentThreadAllocatedBytes();
    }
    return -1;
  }

  /** The bytes allocated since {@code before}, or -1 when unknown. */
  static long since(long before) {
    long now = currentThread();
    return before < 0 || now < 0 ? -1 : now - before;
  }
}
