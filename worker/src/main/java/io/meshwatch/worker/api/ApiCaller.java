package io.meshwatch.worker.api;

import java.util.Objects;
import java.util.Optional;

/** Who an admitted request acts as: a token's name, or a local caller without one (no tokens configured). */
public record ApiCaller(Optional<String> tokenName) {

  public ApiCaller {
    Objects.requireNonNull(tokenName, "tokenName");
  }

  /** The token's name, else {@code local}: who the registry records as having applied or retired. */
  public String name(Optional<String> localName) {
    return tokenName.orElseGet(() -> localName.orElse("local"));
  }
}
