package io.meshwatch.worker.spec;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Facts about composed YAML nodes, in the words problems use. */
final class Nodes {

  private Nodes() {}

  static int line(Node node) {
    return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** What a node is, for "must be X, got Y": {@code a list}, {@code a number (12)}, ... */
  static String describe(Node node) {
    return switch (node) {
      case MappingNode m -> "a mapping";
      case SequenceNode s -> "a list";
      case ScalarNode s when Tag.NULL.equals(s.getTag()) -> "nothing";
      case ScalarNode s when Tag.BOOL.equals(s.getTag()) -> s.getValue();
      case ScalarNode s when Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()) -> "the number " + Texts.printable(s.getValue(), 40);
      case ScalarNode s -> "the text " + Texts.quote(s.getValue());
      default -> "an unsupported node";
    };
  }
}
