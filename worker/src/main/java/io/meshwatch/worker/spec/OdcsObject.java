package io.meshwatch.worker.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of an ODCS contract while it is mapped to a spec. Remembers which keys were used, so
 * that every key left over is reported as not mapped ({@link #reportUnmapped}): nothing in a contract
 * is dropped without a word. ODCS paths read like the standard's own: {@code schema[0].properties[2].logicalType}.
 */
final class OdcsObject {

  /** A list item and its ODCS path. */
  record Item(Node node, String path) {}

  private final Node node;
  private final String path;
  private final Problems problems;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> used = new LinkedHashSet<>();

  private OdcsObject(Node node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** The mapping at {@code node}, or null after reporting that it is something else. */
  static OdcsObject of(Node node, String path, Problems problems) {
    if (!(node instanceof MappingNode mapping)) {
      problems.error(SpecPaths.shown(path), Nodes.line(node), "must be a mapping, got " + Nodes.describe(node));
      return null;
    }
    OdcsObject object = new OdcsObject(node, path, problems);
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        object.entries.putIfAbsent(key.getValue(), tuple);
      }
    }
    return object;
  }

  Node node() {
    return node;
  }

  String path() {
    return path;
  }

  String path(String key) {
    return SpecPaths.child(path, key);
  }

  int line() {
    return Nodes.line(node);
  }

  boolean has(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple != null && !Nodes.isNull(tuple.getValueNode());
  }

  /** The value of {@code key}, marking it used; empty when absent or null. */
  Optional<Node> take(String key) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null) {
      return Optional.empty();
    }
    used.add(key);
    return Nodes.isNull(tuple.getValueNode()) ? Optional.empty() : Optional.of(tuple.getValueNode());
  }

  /** A text value (numbers count as text); null when absent, or after reporting another shape. */
  String text(String key) {
    Optional<Node> value = take(key);
    if (value.isEmpty()) {
      return null;
    }
    if (value.get() instanceof ScalarNode scalar && !Tag.BOOL.equals(scalar.getTag())) {
      return scalar.getValue();
    }
    problems.error(path(key), Nodes.line(value.get()), "must be text, got " + Nodes.describe(value.get()));
    return null;
  }

  /** A true/false value; null when absent, or after reporting another shape. */
  Boolean bool(String key) {
    Optional<Node> value = take(key);
    if (value.isEmpty()) {
      return null;
    }
    if (value.get() instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
      return Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT));
    }
    problems.error(path(key), Nodes.line(value.get()), "must be true or false, got " + Nodes.describe(value.get()));
    return null;
  }

  /** The items of a list; empty when absent, or after reporting another shape. */
  List<Item> list(String key) {
    Optional<Node> value = take(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!(value.get() instanceof SequenceNode sequence)) {
      problems.error(path(key), Nodes.line(value.get()), "must be a list, got " + Nodes.describe(value.get()));
      return List.of();
    }
    List<Item> items = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      items.add(new Item(item, SpecPaths.index(path(key), items.size())));
    }
    return items;
  }

  /** The nested mapping at {@code key}; null when absent, or after reporting another shape. */
  OdcsObject object(String key) {
    return take(key).map(value -> of(value, path(key), problems)).orElse(null);
  }

  /** Marks {@code key} used and reports it as not mapped, for the reason given. */
  void notMapped(String key, String why) {
    Optional<Node> value = take(key);
    value.ifPresent(v -> problems.warn(path(key), Nodes.line(v), "not mapped: " + why));
  }

  /** One warning naming every key nobody used: what this mapping said that meshwatch does not keep. */
  void reportUnmapped() {
    List<String> left = new ArrayList<>();
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      if (!used.contains(entry.getKey()) && !Nodes.isNull(entry.getValue().getValueNode())) {
        left.add(Texts.printable(entry.getKey(), 64));
      }
    }
    if (!left.isEmpty()) {
      problems.warn(SpecPaths.shown(path), line(), "not mapped (meshwatch has no field for "
          + (left.size() == 1 ? "it" : "them") + "): " + String.join(", ", left));
    }
  }
}
