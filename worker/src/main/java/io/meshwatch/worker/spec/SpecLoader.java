package io.meshwatch.worker.spec;

import io.meshwatch.activities.expr.ExpressionValidator;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads data product specs (DESIGN §4; the reference is docs/spec.md), and Open Data Contract
 * Standard v3 contracts ({@code kind: DataContract}), which are mapped to a spec (docs/odcs.md) and
 * then validated the same way. Specs are untrusted: the size
 * is capped before parsing, the YAML is screened on the event stream before a tree is built (see
 * {@link YamlScreen}), and every problem is collected rather than thrown, so a user sees all of them
 * at once. Thread-safe: it keeps no state between loads.
 */
public final class SpecLoader {

  /** 1 MiB: real specs are a few kilobytes. */
  public static final int MAX_BYTES = 1024 * 1024;

  private final ExpressionValidator expressions;

  /** @param expressions checks custom check expressions at load time, so a bad one is never registered */
  public SpecLoader(ExpressionValidator expressions) {
    this.expressions = Objects.requireNonNull(expressions, "expressions");
  }

  /** Loads the spec in {@code text}; {@code sourceName} names it in reports (a file name, "request"). */
  public SpecResult load(String sourceName, String text) {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(text, "text");
    long bytes = utf8Length(text);
    if (bytes > MAX_BYTES) {
      return tooLarge(sourceName, bytes);
    }
    Problems problems = new Problems();
    LoadSettings settings = LoadSettings.builder()
        .setLabel(sourceName)
        .setSchema(new CoreSchema())
        .setAllowDuplicateKeys(false)
        .setAllowRecursiveKeys(false)
        .setMaxAliasesForCollections(0)
        .setCodePointLimit(MAX_BYTES)
        .setUseMarks(true)
        .build();
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    ProductSpec spec = null;
    if (YamlScreen.screen(body, settings, problems)) {
      Optional<Node> root = compose(body, settings, problems);
      if (root.isPresent() && OdcsContract.recognises(root.get())) {
        spec = fromContract(root.get(), problems);
      } else if (root.isPresent()) {
        spec = new SpecBinder(expressions, problems).bind(root.get());
      } else if (!problems.hasErrors()) {
        problems.error(SpecProblem.DOCUMENT, 0, "the spec is empty");
      }
    }
    if (spec == null && !problems.hasErrors()) {
      problems.error(SpecProblem.DOCUMENT, 0, "not a spec");
    }
    if (spec == null || problems.hasErrors()) {
      return new SpecResult.Invalid(sourceName, problems.errors());
    }
    return new SpecResult.Valid(sourceName, spec, problems.warnings());
  }

  /**
   * An ODCS v3 data contract: mapped to a native document (see docs/odcs.md), then bound and checked
   * exactly like a spec, the binder's problems reported at the contract's paths.
   */
  private ProductSpec fromContract(Node root, Problems problems) {
    NativeTree.Built mapped = new OdcsContract(problems).map(root);
    if (mapped == null) {
      return null;
    }
    Problems bound = new Problems();
    ProductSpec spec = new SpecBinder(expressions, bound).bind(mapped.root());
    for (SpecProblem error : bound.errors()) {
      SpecProblem at = NativeTree.toSource(error, mapped.sourcePaths());
      problems.error(at.path(), at.line(), at.message());
    }
    for (SpecProblem warning : bound.warnings()) {
      SpecProblem at = NativeTree.toSource(warning, mapped.sourcePaths());
      problems.warn(at.path(), at.line(), at.message());
    }
    return spec;
  }

  private static Optional<Node> compose(String text, LoadSettings settings, Problems problems) {
    try {
      return new Compose(settings).composeString(text);
    } catch (YamlEngineException e) {
      // The screen has parsed the same text; this is a limit of the composer, reported, not thrown.
      problems.error(SpecProblem.DOCUMENT, 0, "not valid YAML: " + Texts.printable(String.valueOf(e.getMessage()), 200));
      return Optional.empty();
    }
  }

  /** Loads one file; its name (as given) is the source in reports. */
  public SpecResult loadFile(Path file) {
    String source = file.toString();
    try {
      if (!Files.isRegularFile(file)) {
        return unreadable(source, "not a file");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        return tooLarge(source, size);
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length > MAX_BYTES) {
        return tooLarge(source, bytes.length);
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException e) {
        return unreadable(source, "not UTF-8 text");
      }
      return load(source, text);
    } catch (IOException e) {
      return unreadable(source, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Loads every {@code *.yaml} and {@code *.yml} file under {@code directory} (subdirectories
   * included, hidden ones not), in path order. Two files declaring the same product make the later
   * one invalid: registering both would make one silently replace the other.
   */
  public List<SpecResult> loadDirectory(Path directory) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(Files::isRegularFile)
          .filter(path -> isSpecFile(path) && !hidden(directory.relativize(path)))
          .sorted()
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of(unreadable(directory.toString(), "cannot list the directory (" + e.getClass().getSimpleName() + ")"));
    }
    List<SpecResult> results = new ArrayList<>();
    Map<ProductId, String> declaredIn = new HashMap<>();
    for (Path file : files) {
      SpecResult result = loadFile(file);
      if (result instanceof SpecResult.Valid valid) {
        String first = declaredIn.putIfAbsent(valid.spec().id(), valid.source());
        if (first != null) {
          result = new SpecResult.Invalid(valid.source(), List.of(new SpecProblem(
              "metadata.name", "product " + valid.spec().id() + " is also declared in " + first, 0)));
        }
      }
      results.add(result);
    }
    return List.copyOf(results);
  }

  private static boolean isSpecFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static SpecResult tooLarge(String source, long bytes) {
    return new SpecResult.Invalid(source, List.of(new SpecProblem(
        SpecProblem.DOCUMENT, "the spec is " + bytes + " bytes; the limit is " + MAX_BYTES + " bytes (1 MiB)", 0)));
  }

  private static SpecResult unreadable(String source, String why) {
    return new SpecResult.Invalid(source, List.of(new SpecProblem(SpecProblem.DOCUMENT, why, 0)));
  }

  /** The UTF-8 size of {@code text}, counted without encoding it: the cap is checked before any work. */
  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
