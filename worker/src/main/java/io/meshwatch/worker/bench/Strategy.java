package io.meshwatch.worker.bench;

/** The ways of evaluating a product's checks that the benchmark compares. */
public enum Strategy {
  MESHWATCH("(a) meshwatch"),
  QUERY_PER_CHECK("(b) one query per check"),
  HAND_WRITTEN("(c) hand-written fused query"),
  UNCHANGED("(d) meshwatch, data unchanged");

  private final String label;

  Strategy(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
