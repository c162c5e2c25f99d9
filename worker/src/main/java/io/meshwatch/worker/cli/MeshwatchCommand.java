package io.meshwatch.worker.cli;

import picocli.CommandLine.Command;

/** {@code meshwatch}: the top-level command. */
@Command(
    name = "meshwatch",
    mixinStandardHelpOptions = true,
    version = "meshwatch 0.1.0",
    description = "Durable monitoring of data products in a data mesh.",
    subcommands = {DemoCommand.class, WorkerCommand.class, ValidateCommand.class, DiffCommand.class, PoliciesCommand.class,
        ConfigCommand.class, BenchCommand.class, BenchScaleCommand.class,
        BenchMetadataCommand.class,
        ApplyCommand.class, GetCommand.class, StatusCommand.class, RetireCommand.class, EvaluateCommand.class,
        IncidentsCommand.class, AckCommand.class, SnoozeCommand.class, ResolveCommand.class, ReportCommand.class})
public final class MeshwatchCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
