package io.meshwatch.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the deploy tests share: the repository's root, YAML reading, and running a tool with a time limit. */
final class DeployFiles {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private DeployFiles() {}

  /** The repository's root: the folder above the worker module, where deploy/ lives. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("mvnw"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + here);
  }

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a multi-document YAML stream, as kubectl prints them. */
  static List<ObjectNode> documents(String text) {
    List<ObjectNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(text)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode doc = it.next();
        if (doc instanceof ObjectNode object) {
          docs.add(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  /** The result of one run of a program. */
  record Run(int exit, String out, String err) {}

  /**
   * Runs a program in {@code dir}; its output goes through files, so a large one cannot block it.
   * A program that is missing fails the test with what to install, as scripts/test-tools.sh would.
   */
  static Run run(Path dir, List<String> command) {
    try {
      Path out = Files.createTempFile("deploy-out", ".txt");
      Path err = Files.createTempFile("deploy-err", ".txt");
      try {
        Process p;
        try {
          p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
          throw new AssertionError(command.get(0) + " is not installed: scripts/test-tools.sh installs it (Debian package)", e);
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " took longer than 5 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs a program that must succeed; returns what it printed. */
  static String succeed(Path dir, List<String> command) {
    Run run = run(dir, command);
    assertThat(run.exit()).as("%s exit code; stderr:%n%s", String.join(" ", command), run.err()).isZero();
    return run.out();
  }
}
