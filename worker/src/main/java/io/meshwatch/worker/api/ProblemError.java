package io.meshwatch.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.meshwatch.worker.governance.PolicyViolation;
import io.meshwatch.worker.spec.SpecProblem;
import java.util.Objects;

/**
 * One entry of a problem document's {@code errors}: where ({@code path} in the spec, such as
 * {@code spec.quality.completeness_threshold}, and the 1-based {@code line} when known), what, and
 * for a governance refusal the {@code policy} broken.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemError(String path, Integer line, Integer column, String message, String policy) {

  public ProblemError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  static ProblemError of(SpecProblem problem) {
    return new ProblemError(problem.path(), problem.line() > 0 ? problem.line() : null, null, problem.message(), null);
  }

  static ProblemError of(PolicyViolation violation) {
    return new ProblemError(violation.path(), null, null, violation.message(), violation.policy());
  }
}
