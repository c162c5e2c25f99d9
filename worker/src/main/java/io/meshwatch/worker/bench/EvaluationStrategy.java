package io.meshwatch.worker.bench;

import java.util.List;

/** One way of evaluating every data check of a product. */
interface EvaluationStrategy {

  Strategy strategy();

  /** Evaluates every product once, in order: one round of the benchmark. */
  List<ProductRun> round(List<BenchProduct> products) throws Exception;
}
