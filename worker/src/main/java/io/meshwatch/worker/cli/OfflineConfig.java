package io.meshwatch.worker.cli;

import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The worker config as offline commands ({@code validate}, {@code policies}) read it: the file when
 * one is given, else the defaults, with {@code MESHWATCH_*} overrides either way, as the worker would.
 */
final class OfflineConfig {

  private OfflineConfig() {}

  static WorkerConfig load(Path file, Map<String, String> env) throws ConfigException {
    ConfigLoader loader = new ConfigLoader(env);
    return file == null ? loader.defaults() : loader.load(file);
  }
}
