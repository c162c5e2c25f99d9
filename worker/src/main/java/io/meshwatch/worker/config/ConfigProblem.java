package io.meshwatch.worker.config;

/** One thing wrong with a config file, as {@code path: problem}. */
public record ConfigProblem(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
