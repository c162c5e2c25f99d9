package io.meshwatch.worker.bench.scale;

import io.meshwatch.worker.config.WorkerConfig;
import java.util.List;

/** A worker setting the scale benchmark runs: a name for the report and the {@code temporal.worker} values. */
public record ScaleVariant(String name, WorkerConfig.WorkerTuning tuning) {

  /** The worker's defaults: what a config without {@code temporal.worker} runs. */
  public static ScaleVariant defaults() {
    return new ScaleVariant("defaults", WorkerConfig.WorkerTuning.defaults());
  }

  /**
   * The settings {@code --compare} runs: the SDK's own defaults, virtual threads, a larger
   * workflow cache on both kinds of thread, and a task-queue activity limit that protects a warehouse.
   */
  public static List<ScaleVariant> comparison() {
    return List.of(
        new ScaleVariant("sdk: cache 600, platform threads", new WorkerConfig.WorkerTuning(600, false, 200, 200, 0)),
        new ScaleVariant("cache 600, virtual threads", new WorkerConfig.WorkerTuning(600, true, 200, 200, 0)),
        new ScaleVariant("cache 2000, platform threads", new WorkerConfig.WorkerTuning(2000, false, 200, 200, 0)),
        new ScaleVariant("cache 2000, virtual threads", new WorkerConfig.WorkerTuning(2000, true, 200, 200, 0)),
        new ScaleVariant("cache 600, virtual, 20 activities/s", new WorkerConfig.WorkerTuning(600, true, 200, 200, 20)));
  }
}
