package io.meshwatch.worker.spec;

import io.meshwatch.workflows.model.ProductSpec;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of loading one spec: valid (with warnings that do not block registration) or invalid
 * with every error found. {@code source} names where the text came from (a file name) for reports.
 */
public sealed interface SpecResult {

  String source();

  /** The errors of an invalid spec, the warnings of a valid one. */
  List<SpecProblem> problems();

  /** Each problem as {@code source:line: path: message}, in document order. */
  default List<String> report() {
    return problems().stream().map(problem -> problem.render(source())).toList();
  }

  record Valid(String source, ProductSpec spec, List<SpecProblem> warnings) implements SpecResult {
    public Valid {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(spec, "spec");
      warnings = List.copyOf(warnings);
    }

    @Override
    public List<SpecProblem> problems() {
      return warnings;
    }
  }

  record Invalid(String source, List<SpecProblem> errors) implements SpecResult {
    public Invalid {
      Objects.requireNonNull(source, "source");
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid spec has at least one error");
      }
    }

    @Override
    public List<SpecProblem> problems() {
      return errors;
    }
  }
}
