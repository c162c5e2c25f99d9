package io.meshwatch.worker.runtime;

import io.meshwatch.worker.config.WorkerConfig;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;

/** The Temporal SDK's factory and worker options for {@code temporal.worker}. */
final class WorkerTuning {

  private final WorkerConfig.WorkerTuning config;

  WorkerTuning(WorkerConfig.WorkerTuning config) {
    this.config = config;
  }

  WorkerFactoryOptions factoryOptions() {
    return WorkerFactoryOptions.newBuilder()
        .setWorkflowCacheSize(config.workflowCacheSize())
        // Every cached workflow parks a thread between its tasks: the pool must hold the whole cache,
        // or tasks wait for a thread that only an eviction frees.
        .setMaxWorkflowThreadCount(Math.max(config.workflowCacheSize(), config.maxConcurrentWorkflowTasks()) + 1)
        .setUsingVirtualWorkflowThreads(config.virtualThreads())
        .build();
  }

  WorkerOptions workerOptions() {
    WorkerOptions.Builder options = WorkerOptions.newBuilder()
        .setMaxConcurrentWorkflowTaskExecutionSize(config.maxConcurrentWorkflowTasks())
        .setMaxConcurrentActivityExecutionSize(config.maxConcurrentActivities())
        .setUsingVirtualThreads(config.virtualThreads());
    if (config.maxTaskQueueActivitiesPerSecond() > 0) {
      options.setMaxTaskQueueActivitiesPerSecond(config.maxTaskQueueActivitiesPerSecond());
    }
    return options.build();
  }
}
