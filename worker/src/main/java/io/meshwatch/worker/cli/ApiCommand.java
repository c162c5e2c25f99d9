package io.meshwatch.worker.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the product commands that call a running worker share ({@code get}, {@code status},
 * {@code retire}, {@code evaluate}): the worker, a usage error as exit 2, the worker's refusal or
 * absence as exit 1 with its reason.
 */
abstract class ApiCommand implements Callable<Integer> {

  @Mixin ApiOptions api;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  ApiCommand(Map<String, String> env) {
    this.env = env;
  }

  /** Calls the worker and prints; throws on wrong usage, and {@link WorkerApi.Unreachable} when it cannot reach it. */
  abstract int run(WorkerApi worker, PrintWriter out, PrintWriter err) throws Exception;

  @Override
  public final Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(new WorkerApi(api.baseUri(env), api.token(env)), spec.commandLine().getOut(), err);
    } catch (ApiOptions.UsageException e) {
      err.println("meshwatch " + spec.name() + ": " + e.getMessage());
      return IncidentActionCommand.USAGE;
    } catch (WorkerApi.Unreachable e) {
      err.println("meshwatch " + spec.name() + ": " + e.getMessage());
      return IncidentActionCommand.REFUSED;
    }
  }

  /** Prints the worker's refusal and returns exit 1. */
  int refused(WorkerApi.Answer answer, PrintWriter err) {
    err.println("meshwatch " + spec.name() + ": " + answer.problem());
    return IncidentActionCommand.REFUSED;
  }

  static String pretty(Object json) throws Exception {
    return WorkerApi.json().writerWithDefaultPrettyPrinter().writeValueAsString(json);
  }
}
