package io.meshwatch.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends one spec file to the worker's {@code PUT /api/products} (a dry run for diff), and reports a
 * refusal the way validate does: every error on stderr as {@code file:line: path: message}.
 */
final class SpecUpload {

  private SpecUpload() {}

  /** What happened to one file. */
  sealed interface Result {
    Path file();

    /** The worker applied it (or, in a dry run, said what applying would do). */
    record Done(Path file, JsonNode answer) implements Result {}

    /** Not applied: the file could not be read, the worker refused it or could not be reached. */
    record Failed(Path file, String reason, JsonNode problem) implements Result {}
  }

  static Result send(WorkerApi worker, Path file, boolean dryRun, PrintWriter err) throws InterruptedException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      err.println(file + ": not UTF-8 text");
      return new Result.Failed(file, "not UTF-8 text", null);
    } catch (IOException e) {
      err.println(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
      return new Result.Failed(file, "cannot be read", null);
    }
    WorkerApi.Answer answer;
    try {
      answer = worker.put(dryRun ? "/api/products?dry_run=true" : "/api/products", SpecFiles.contentType(file), text);
    } catch (WorkerApi.Unreachable e) {
      err.println(file + ": " + e.getMessage());
      return new Result.Failed(file, e.getMessage(), null);
    }
    if (answer.ok() && answer.body().isPresent()) {
      answer.body().get().path("warnings").forEach(w -> err.println(file + (w.path("line").isInt() ? ":" + w.path("line").asInt() : "")
          + ": warning: " + w.path("path").asText() + ": " + w.path("message").asText()));
      return new Result.Done(file, answer.body().get());
    }
    var errors = answer.errors(file.toString());
    if (errors.isEmpty()) {
      err.println(file + ": " + answer.problem());
    } else {
      errors.forEach(err::println);
    }
    return new Result.Failed(file, answer.problem(), answer.body().orElse(null));
  }

  /** The result as JSON for {@code -o json}: the file, and the worker's answer or its problem. */
  static JsonNode json(Result result) {
    ObjectNode node = WorkerApi.json().createObjectNode();
    node.put("file", result.file().toString());
    switch (result) {
      case Result.Done done -> node.set("result", done.answer());
      case Result.Failed failed -> {
        node.put("error", failed.reason());
        if (failed.problem() != null) {
          node.set("problem", failed.problem());
        }
      }
    }
    return node;
  }
}
