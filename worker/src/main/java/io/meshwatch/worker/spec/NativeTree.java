package io.meshwatch.worker.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A native spec document built from another format (an ODCS contract), node by node, so it goes
 * through {@link SpecBinder} exactly like a spec file. Every node remembers the source node it came
 * from (its marks: problems point at the source's lines) and the source path, so problems found by
 * the binder are reported where the user wrote the value.
 */
final class NativeTree {

  /** A value of the tree. */
  sealed interface Value permits Leaf, Section, Items {}

  /** A scalar, with the source node it came from. */
  record Leaf(ScalarNode node, String sourcePath) implements Value {}

  /** A mapping; fields keep the order they were put in. */
  static final class Section implements Value {
    private final Map<String, Value> fields = new LinkedHashMap<>();
    private final Node at;
    private final String sourcePath;

    Section(Node at, String sourcePath) {
      this.at = at;
      this.sourcePath = sourcePath;
    }

    Section put(String key, Value value) {
      if (value != null) {
        fields.put(key, value);
      }
      return this;
    }

    boolean has(String key) {
      return fields.containsKey(key);
    }

    Section section(String key, Node at, String sourcePath) {
      Value existing = fields.get(key);
      if (existing instanceof Section section) {
        return section;
      }
      Section section = new Section(at, sourcePath);
      fields.put(key, section);
      return section;
    }
  }

  /** A list. */
  record Items(List<Value> items, Node at, String sourcePath) implements Value {}

  /** A built document and, for each native path, the source path it came from. */
  record Built(Node root, Map<String, String> sourcePaths) {}

  private NativeTree() {}

  /** {@code value} as a copy of {@code source}'s scalar (tag and text kept), from {@code sourcePath}. */
  static Leaf copy(ScalarNode source, String sourcePath) {
    return new Leaf(source, sourcePath);
  }

  static Leaf text(String value, Node at, String sourcePath) {
    return scalar(Tag.STR, value, at, sourcePath);
  }

  static Leaf bool(boolean value, Node at, String sourcePath) {
    return scalar(Tag.BOOL, String.valueOf(value), at, sourcePath);
  }

  static Leaf number(String value, Node at, String sourcePath) {
    return scalar(value.contains(".") || value.contains("e") || value.contains("E") ? Tag.FLOAT : Tag.INT, value, at, sourcePath);
  }

  private static Leaf scalar(Tag tag, String value, Node at, String sourcePath) {
    return new Leaf(new ScalarNode(tag, true, value, ScalarStyle.PLAIN, at.getStartMark(), at.getEndMark()), sourcePath);
  }

  static Built build(Section root) {
    Map<String, String> paths = new LinkedHashMap<>();
    Node node = node(root, "", paths);
    return new Built(node, paths);
  }

  private static Node node(Value value, String path, Map<String, String> paths) {
    return switch (value) {
      case Leaf leaf -> {
        paths.put(path, leaf.sourcePath());
        yield leaf.node();
      }
      case Section section -> {
        if (!path.isEmpty()) {
          paths.put(path, section.sourcePath);
        }
        List<NodeTuple> tuples = new ArrayList<>();
        for (Map.Entry<String, Value> field : section.fields.entrySet()) {
          Node child = node(field.getValue(), SpecPaths.child(path, field.getKey()), paths);
          ScalarNode key = new ScalarNode(Tag.STR, true, field.getKey(), ScalarStyle.PLAIN, child.getStartMark(), child.getEndMark());
          tuples.add(new NodeTuple(key, child));
        }
        yield new MappingNode(Tag.MAP, true, tuples, FlowStyle.BLOCK, section.at.getStartMark(), section.at.getEndMark());
      }
      case Items items -> {
        paths.put(path, items.sourcePath());
        List<Node> nodes = new ArrayList<>();
        for (Value item : items.items()) {
          nodes.add(node(item, SpecPaths.index(path, nodes.size()), paths));
        }
        yield new SequenceNode(Tag.SEQ, true, nodes, FlowStyle.BLOCK, items.at().getStartMark(), items.at().getEndMark());
      }
    };
  }

  /**
   * Where a problem the binder found at native {@code path} lies in the source: the exact source
   * path when the value was taken from one place, else the nearest enclosing one, with the native
   * path kept in the message so the user knows which meshwatch field is meant.
   */
  static SpecProblem toSource(SpecProblem problem, Map<String, String> sourcePaths) {
    String exact = sourcePaths.get(problem.path());
    if (exact != null) {
      return new SpecProblem(exact, problem.message(), problem.line());
    }
    String best = null;
    for (String nativePath : sourcePaths.keySet()) {
      if ((problem.path().startsWith(nativePath + ".") || problem.path().startsWith(nativePath + "["))
          && (best == null || nativePath.length() > best.length())) {
        best = nativePath;
      }
    }
    if (best == null) {
      return new SpecProblem(SpecProblem.DOCUMENT, problem.path() + ": " + problem.message(), problem.line());
    }
    return new SpecProblem(sourcePaths.get(best), problem.path() + ": " + problem.message(), problem.line());
  }
}
