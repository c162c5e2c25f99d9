package io.meshwatch.worker.cli;

import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.ConfigReport;
import io.meshwatch.worker.config.WorkerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meshwatch config check FILE}: validates a worker config offline. */
@Command(name = "config", description = "Worker configuration tools.", subcommands = ConfigCommand.Check.class)
public final class ConfigCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "check", description = {"Validate a worker config file offline (exit 1 when invalid).",
      "Then tell where each secret is expected and whether it is there (never its value), and what that switches on."})
  static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the config file")
    Path file;

    @Override
    public Integer call() {
      ConfigLoader loader = ConfigLoader.fromEnvironment();
      try {
        WorkerConfig config = loader.load(file);
        System.out.println(file + ": ok");
        ConfigReport.lines(config, loader).forEach(System.out::println);
        return 0;
      } catch (ConfigException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }
}
