package io.meshwatch.worker.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the errors and warnings of one spec. Capped, so a hostile document cannot make the report
 * itself the attack: past {@link #LIMIT} errors one last error says so and the rest are dropped.
 */
final class Problems {

  static final int LIMIT = 100;

  private final List<SpecProblem> errors = new ArrayList<>();
  private final List<SpecProblem> warnings = new ArrayList<>();

  void error(String path, int line, String message) {
    if (errors.size() < LIMIT) {
      errors.add(new SpecProblem(path, message, line));
    } else if (errors.size() == LIMIT) {
      errors.add(new SpecProblem(SpecProblem.DOCUMENT, "more than " + LIMIT + " errors; the rest are not listed", line));
    }
  }

  void warn(String path, int line, String message) {
    if (warnings.size() < LIMIT) {
      warnings.add(new SpecProblem(path, message, line));
    }
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  boolean full() {
    return errors.size() > LIMIT;
  }

  /** The errors in document order (stable for problems on the same line). */
  List<SpecProblem> errors() {
    return inDocumentOrder(errors);
  }

  List<SpecProblem> warnings() {
    return inDocumentOrder(warnings);
  }

  private static List<SpecProblem> inDocumentOrder(List<SpecProblem> problems) {
    List<SpecProblem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(SpecProblem::line));
    return List.copyOf(sorted);
  }
}
