package io.meshwatch.worker.spec;

import java.util.Objects;

/**
 * One thing wrong with a spec: where ({@code path}, such as {@code spec.schema[1].pii_handling}, and
 * the 1-based {@code line}, 0 when unknown) and what. Problems about the document as a whole (size,
 * YAML syntax, several documents) have the path {@value #DOCUMENT}.
 */
public record SpecProblem(String path, String message, int line) {

  public static final String DOCUMENT = "(document)";

  public SpecProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
  }

  /** {@code path: message}. */
  public String render() {
    return path + ": " + message;
  }

  /** {@code source:line: path: message}, the form compilers use, so editors and CI logs link to it. */
  public String render(String source) {
    return source + (line > 0 ? ":" + line : "") + ": " + render();
  }

  @Override
  public String toString() {
    return render();
  }
}
