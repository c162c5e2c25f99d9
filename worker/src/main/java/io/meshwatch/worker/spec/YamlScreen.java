package io.meshwatch.worker.spec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The first pass over an untrusted spec: the parser's event stream, before any tree is built. It
 * refuses what would make building or walking the tree unsafe or the spec misleading: nesting
 * beyond {@link #MAX_DEPTH} (the composer recurses), aliases (shared subtrees multiply on every walk:
 * the "billion laughs"), non-standard tags (they change what a value means), anchors and more than
 * one document. It tracks the path of every node, so these problems are reported where they are.
 * Only anchors leave the document fit to compose: the rest of the spec is then still checked.
 */
final class YamlScreen {

  /** A spec needs five levels; twenty leaves room and keeps the composer's recursion shallow. */
  static final int MAX_DEPTH = 20;

  private static final String CORE = "tag:yaml.org,2002:";

  /** The core schema's tags, and {@code !} (the non-specific tag, "a string"). */
  static final Set<String> STANDARD_TAGS = Set.of(
      "!", CORE + "str", CORE + "int", CORE + "float", CORE + "bool", CORE + "null", CORE + "map", CORE + "seq");

  private final Problems problems;
  private final Deque<Frame> stack = new ArrayDeque<>();
  /** Each alias name is reported once: a bomb repeats the same few aliases thousands of times. */
  private final Set<String> aliasesReported = new HashSet<>();
  private boolean composable = true;

  private YamlScreen(Problems problems) {
    this.problems = problems;
  }

  /** Screens {@code text}; true when the document may be composed into a tree. */
  static boolean screen(String text, LoadSettings settings, Problems problems) {
    return new YamlScreen(problems).run(text, settings);
  }

  private boolean run(String text, LoadSettings settings) {
    int documents = 0;
    Iterator<Event> events = new Parse(settings).parseString(text).iterator();
    try {
      while (events.hasNext()) {
        Event event = events.next();
        switch (event.getEventId()) {
          case DocumentStart -> {
            documents++;
            if (documents > 1) {
              problems.error(SpecProblem.DOCUMENT, line(event), "only one YAML document is allowed per spec");
              return false;
            }
          }
          case Scalar -> {
            ScalarEvent scalar = (ScalarEvent) event;
            checkProperties(scalar.getAnchor(), scalar.getTag(), event);
            Frame parent = stack.peek();
            if (parent != null && parent.mapping && parent.expectingKey) {
              parent.key = scalar.getValue();
            }
            advance();
          }
          case MappingStart, SequenceStart -> {
            CollectionStartEvent start = (CollectionStartEvent) event;
            checkProperties(start.getAnchor(), start.getTag(), event);
            String path = currentPath();
            Frame parent = stack.peek();
            if (parent != null && parent.mapping && parent.expectingKey) {
              problems.error(SpecPaths.shown(path), line(event), "a key must be plain text, not a list or mapping");
              parent.key = "?";
            }
            stack.push(new Frame(path, event.getEventId() == Event.ID.MappingStart));
            if (stack.size() > MAX_DEPTH) {
              problems.error(
                  SpecPaths.shown(SpecPaths.withoutTrailingIndices(path)),
                  line(event),
                  "nested deeper than " + MAX_DEPTH + " levels");
              return false;
            }
          }
          case MappingEnd, SequenceEnd -> {
            stack.pop();
            advance();
          }
          case Alias -> {
            String alias = ((AliasEvent) event).getAlias().getValue();
            if (aliasesReported.add(alias)) {
              problems.error(
                  SpecPaths.shown(currentPath()),
                  line(event),
                  "YAML aliases are not allowed (*" + Texts.printable(alias, 64)
                      + "); write the value out, and quote values that start with '*'");
            }
            composable = false;
            advance();
          }
          default -> {}
        }
        if (problems.full()) {
          return false;
        }
      }
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(0);
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      // An unquoted cron expression such as */15 * * * * starts like an alias.
      String hint = context.contains("alias") || context.contains("anchor") ? "; quote values that start with '*' or '&'" : "";
      problems.error(SpecProblem.DOCUMENT, line, "not valid YAML: " + Texts.printable(e.getProblem() + context, 200) + hint);
      return false;
    } catch (YamlEngineException e) {
      problems.error(SpecProblem.DOCUMENT, 0, "not valid YAML: " + Texts.printable(String.valueOf(e.getMessage()), 200));
      return false;
    }
    return composable;
  }

  private void checkProperties(Optional<Anchor> anchor, Optional<String> tag, Event event) {
    String path = SpecPaths.shown(currentPath());
    anchor.ifPresent(a -> problems.error(
        path,
        line(event),
        "YAML anchors are not allowed (&" + Texts.printable(a.getValue(), 64) + "); write the value out"));
    tag.filter(t -> !STANDARD_TAGS.contains(t)).ifPresent(t -> {
      problems.error(
          path,
          line(event),
          "YAML tag " + Texts.quote(t) + " is not allowed; only the standard tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq) are");
      composable = false;
    });
  }

  /** The path of the node whose event is being read. */
  private String currentPath() {
    Frame parent = stack.peek();
    if (parent == null) {
      return "";
    }
    if (!parent.mapping) {
      return SpecPaths.index(parent.path, parent.index);
    }
    return parent.expectingKey ? parent.path : SpecPaths.child(parent.path, parent.key == null ? "" : parent.key);
  }

  /** A node of the parent has been read in full. */
  private void advance() {
    Frame parent = stack.peek();
    if (parent == null) {
      return;
    }
    if (!parent.mapping) {
      parent.index++;
    } else if (parent.expectingKey) {
      parent.expectingKey = false;
    } else {
      parent.expectingKey = true;
      parent.key = null;
    }
  }

  private static int line(Event event) {
    return event.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
  }

  private static final class Frame {
    final String path;
    final boolean mapping;
    boolean expectingKey = true;
    String key;
    int index;

    Frame(String path, boolean mapping) {
      this.path = path;
      this.mapping = mapping;
    }
  }
}
