package io.meshwatch.worker.bench.scale;

import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.embedded.EmbeddedStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The worker config file of one run: the benchmark's Temporal, store and alert receiver, and the setting under test. */
final class ScaleConfig {

  private ScaleConfig() {}

  static Path write(Path workDir, ScaleOptions options, ScaleVariant variant, int temporalPort, EmbeddedStore store, String alertsUrl)
      throws IOException {
    WorkerConfig.WorkerTuning w = variant.tuning();
    String yaml = """
        temporal:
          target: 127.0.0.1:%d
          worker:
            workflow_cache_size: %d
            virtual_threads: %s
            max_concurrent_workflow_tasks: %d
            max_concurrent_activities: %d
            max_task_queue_activities_per_second: %s
        store:
          url: "%s"
          user: %s
          password_env: MESHWATCH_SCALE_NO_PASSWORD
        http:
          port: %d
        monitor:
          poll_interval: %ds
          history_events_limit: %d
        alerts:
          console: false
          webhook:
            url: "%s"
        slack:
          bot_token_env: MESHWATCH_SCALE_NO_SLACK
          signing_secret_env: MESHWATCH_SCALE_NO_SLACK
        """.formatted(temporalPort, w.workflowCacheSize(), w.virtualThreads(), w.maxConcurrentWorkflowTasks(),
        w.maxConcurrentActivities(), String.format(Locale.ROOT, "%s", w.maxTaskQueueActivitiesPerSecond()),
        store.jdbcUrl(), store.user(), 0, options.pollInterval().toSeconds(), options.historyEventsLimit(), alertsUrl);
    Path file = workDir.resolve("worker.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
