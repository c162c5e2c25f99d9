package io.meshwatch.worker.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config that cannot be used, with every problem found. */
public final class ConfigException extends Exception {

  private final List<ConfigProblem> problems;

  public ConfigException(String source, List<ConfigProblem> problems) {
    super(source + ": invalid configuration:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
