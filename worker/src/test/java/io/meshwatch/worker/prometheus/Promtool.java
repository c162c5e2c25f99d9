package io.meshwatch.worker.prometheus;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's promtool, the parser and rule tester Prometheus itself uses, so dashboards and
 * alert rules are checked by the real grammar rather than by a copy of it. A missing promtool fails
 * the test with what to do: these checks are never skipped.
 */
public final class Promtool {

  /** What one run printed and how it ended. */
  public record Result(int exitCode, String output) {

    public boolean ok() {
      return exitCode == 0;
    }
  }

  private final Path executable;

  private Promtool(Path executable) {
    this.executable = executable;
  }

  /** The promtool on PATH; fails the calling test when there is none. */
  public static Promtool onPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "promtool");
        if (Files.isExecutable(candidate)) {
          return new Promtool(candidate);
        }
      }
    }
    return fail("promtool is not on PATH: run scripts/test-tools.sh (it installs Debian's prometheus package, "
        + "which ships promtool), or install promtool by hand");
  }

  /** Runs {@code promtool args...} in {@code workDir}; output and errors together. */
  public Result run(Path workDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return fail("promtool " + String.join(" ", args) + " did not finish in 2 minutes");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
