package io.meshwatch.worker;

import io.meshwatch.worker.cli.MeshwatchCommand;
import picocli.CommandLine;

/** Entry point of the {@code meshwatch} command. Long-running commands return when stopped. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new MeshwatchCommand()).execute(args));
  }
}
