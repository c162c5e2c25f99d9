package io.meshwatch.worker.spec;

/** Builds the dotted paths problems are reported at: {@code spec.schema[1].pii_handling}. */
final class SpecPaths {

  /** Keys are echoed in paths; a hostile key must not make a path unreadable. */
  private static final int MAX_KEY_LENGTH = 64;

  private SpecPaths() {}

  static String child(String parent, String key) {
    String shown = Texts.printable(key, MAX_KEY_LENGTH);
    return parent.isEmpty() ? shown : parent + "." + shown;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The path itself, or {@link SpecProblem#DOCUMENT} for the root. */
  static String shown(String path) {
    return path.isEmpty() ? SpecProblem.DOCUMENT : path;
  }

  /** The path without trailing list indices: where a run of nested lists starts. */
  static String withoutTrailingIndices(String path) {
    String result = path;
    while (result.endsWith("]")) {
      result = result.substring(0, result.lastIndexOf('['));
    }
    return result;
  }
}
