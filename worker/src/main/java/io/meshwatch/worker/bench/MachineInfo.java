package io.meshwatch.worker.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a benchmark ran on, so its figures can be recorded with their context. */
public record MachineInfo(int cores, long memoryBytes, long maxHeapBytes, String cpu, String jdk, String os) {

  public static MachineInfo current() {
    long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize()
        : -1;
    return new MachineInfo(Runtime.getRuntime().availableProcessors(), memory, Runtime.getRuntime().maxMemory(), cpuModel(),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.name") + " "
            + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
  }

  /**
   * The system's one-minute load average, or -1 where the OS does not tell it. Other work on the
   * machine slows every strategy, so the report shows it beside the figures.
   */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The CPU model where Linux tells it. */
  private static String cpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    try {
      if (Files.isReadable(info)) {
        for (String line : Files.readAllLines(info)) {
          if (line.startsWith("model name")) {
            return line.substring(line.indexOf(':') + 1).trim();
          }
        }
      }
    } catch (IOException unreadable) {
      // The model is a nicety; the core count and memory are what the figures depend on.
    }
    return "unknown CPU";
  }

  public String describe() {
    return String.format(Locale.ROOT, "%d cores (%s), %s memory, JVM heap up to %s; %s; %s", cores, cpu,
        gib(memoryBytes), gib(maxHeapBytes), jdk, os);
  }

  private static String gib(long bytes) {
    return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
