package io.meshwatch.worker.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The fields of one mapping of a spec. Reports duplicate and unknown keys when it is built, then
 * hands out values by name, typed, reporting a wrong type instead of failing. A field set to nothing
 * ({@code key:} or {@code ~}) counts as absent. Every getter returns null (or empty) after reporting,
 * so binding goes on and finds the next error too.
 */
final class Fields {

  /** A list item and its path. */
  record Item(Node node, String path) {}

  private final String path;
  private final int line;
  private final Problems problems;
  /**
   * False when the mapping is absent or was not a mapping. Its required fields are then not
   * reported one by one: "spec.output: required" says it all.
   */
  private final boolean present;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private Fields(String path, int line, Problems problems, boolean present) {
    this.path = path;
    this.line = line;
    this.problems = problems;
    this.present = present;
  }

  /** The mapping at {@code node}; an error (and no fields) when it is something else. */
  static Fields of(Node node, String path, Problems problems, List<String> known) {
    if (!(node instanceof MappingNode mapping)) {
      problems.error(SpecPaths.shown(path), Nodes.line(node), "must be a mapping, got " + Nodes.describe(node));
      return new Fields(path, Nodes.line(node), problems, false);
    }
    Fields fields = new Fields(path, Nodes.line(node), problems, true);
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        continue; // reported by the screen
      }
      String key = keyNode.getValue();
      String keyPath = SpecPaths.child(path, key);
      NodeTuple first = fields.entries.putIfAbsent(key, tuple);
      if (first != null) {
        problems.error(keyPath, Nodes.line(keyNode), "duplicate key; first given at line " + Nodes.line(first.getKeyNode()));
      } else if (!known.contains(key)) {
        problems.error(keyPath, Nodes.line(keyNode), unknown(key, known));
      }
    }
    fields.entries.keySet().retainAll(known);
    return fields;
  }

  /** No mapping at all: every field absent. */
  static Fields absent(String path, int line, Problems problems) {
    return new Fields(path, line, problems, false);
  }

  private static String unknown(String key, List<String> known) {
    if (Credentials.looksLikeCredential(key)) {
      return Credentials.MESSAGE;
    }
    return Suggestions.closest(key, known)
        .map(suggestion -> "unknown field; did you mean '" + suggestion + "'?")
        .orElseGet(() -> "unknown field; expected one of: " + String.join(", ", known));
  }

  /** True when the mapping was given (and is a mapping). */
  boolean present() {
    return present;
  }

  int line() {
    return line;
  }

  String path(String key) {
    return SpecPaths.child(path, key);
  }

  /** The line of the field's value, or of the mapping when the field is absent. */
  int line(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? line : Nodes.line(tuple.getValueNode());
  }

  boolean has(String key) {
    return node(key).isPresent();
  }

  Optional<Node> node(String key) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null || Nodes.isNull(tuple.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(tuple.getValueNode());
  }

  void error(String key, String message) {
    problems.error(path(key), line(key), message);
  }

  void warn(String key, String message) {
    problems.warn(path(key), line(key), message);
  }

  void required(String key) {
    if (present) {
      problems.error(path(key), line, "required");
    }
  }

  /** The value as written, for messages: {@code got 1.5}. */
  String raw(String key) {
    return node(key).map(n -> n instanceof ScalarNode s ? Texts.printable(s.getValue(), 80) : Nodes.describe(n)).orElse("");
  }

  /**
   * A text field. Unquoted numbers count as text ({@code name: 2024}); true/false, lists and
   * mappings are errors.
   */
  String text(String key) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return null;
    }
    if (value.get() instanceof ScalarNode scalar && !Tag.BOOL.equals(scalar.getTag())) {
      return scalar.getValue();
    }
    error(key, "must be text, got " + Nodes.describe(value.get()));
    return null;
  }

  String requiredText(String key) {
    if (!has(key)) {
      required(key);
      return null;
    }
    String value = text(key);
    if (value != null && value.isBlank()) {
      error(key, "must not be empty");
      return null;
    }
    return value;
  }

  Boolean bool(String key) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return null;
    }
    if (value.get() instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
      // An explicit !!bool tag can sit on any text; only true and false are booleans.
      switch (scalar.getValue().toLowerCase(Locale.ROOT)) {
        case "true" -> {
          return true;
        }
        case "false" -> {
          return false;
        }
        default -> {}
      }
    }
    error(key, "must be true or false, got " + Nodes.describe(value.get()));
    return null;
  }

  /** A finite number, integer or decimal. Quoted numbers are text, and an error here. */
  BigDecimal number(String key) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return null;
    }
    if (value.get() instanceof ScalarNode scalar
        && (Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()))) {
      String text = scalar.getValue();
      if (text.toLowerCase(Locale.ROOT).matches("[-+]?\\.(inf|nan)")) {
        error(key, "must be a finite number, got " + Texts.printable(text, 40));
        return null;
      }
      try {
        return Tag.INT.equals(scalar.getTag()) ? new BigDecimal(integer(text)) : new BigDecimal(unsigned(text));
      } catch (NumberFormatException e) {
        // An explicit !!int or !!float tag can sit on any text.
        error(key, "must be a number, got " + Texts.quote(text));
        return null;
      }
    }
    error(key, "must be a number, got " + Nodes.describe(value.get()));
    return null;
  }

  /** An integer as YAML 1.2 writes it: decimal, {@code 0x} hexadecimal or {@code 0o} octal. */
  private static BigInteger integer(String text) {
    String t = unsigned(text);
    if (t.startsWith("0x")) {
      return new BigInteger(t.substring(2), 16);
    }
    if (t.startsWith("0o")) {
      return new BigInteger(t.substring(2), 8);
    }
    return new BigInteger(t);
  }

  private static String unsigned(String text) {
    return text.startsWith("+") ? text.substring(1) : text;
  }

  /** A text field that must follow {@code rule}; null after reporting when it does not. */
  String named(String key, NameRules.Rule rule) {
    String value = text(key);
    if (value != null && !rule.accepts(value)) {
      error(key, rule.problem(value));
      return null;
    }
    return value;
  }

  String requiredNamed(String key, NameRules.Rule rule) {
    if (!has(key)) {
      required(key);
      return null;
    }
    return named(key, rule);
  }

  /** One of {@code choices}, exactly as written there; null after reporting anything else. */
  String choice(String key, List<String> choices) {
    String value = text(key);
    if (value == null || choices.contains(value)) {
      return value;
    }
    String suggestion = Suggestions.closest(value, choices).map(s -> "; did you mean '" + s + "'?").orElse("");
    error(key, "must be one of " + Texts.oneOf(choices) + ", got " + Texts.quote(value) + suggestion);
    return null;
  }

  /** A nested mapping; absent ones give fields that are all absent. */
  Fields mapping(String key, List<String> known) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return absent(path(key), line, problems);
    }
    return of(value.get(), path(key), problems, known);
  }

  /** A list's items with their paths; empty (after reporting) when the value is not a list. */
  List<Item> list(String key) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!(value.get() instanceof SequenceNode sequence)) {
      error(key, "must be a list, got " + Nodes.describe(value.get()));
      return List.of();
    }
    List<Item> items = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      items.add(new Item(item, SpecPaths.index(path(key), items.size())));
    }
    return items;
  }
}
