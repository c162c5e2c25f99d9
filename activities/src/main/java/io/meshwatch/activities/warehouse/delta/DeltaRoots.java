package io.meshwatch.activities.warehouse.delta;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a Delta connection's tables may be: the operator's allow-list ({@code allowed_roots} of the
 * connection). Empty: anywhere the spec loader's deny-list lets through. A root is an absolute local
 * path, a {@code file://} URI, or an object-store URI ({@code s3://bucket/prefix}); a location is
 * under a root when it is the root or lies below it, segment by segment — {@code s3://b/data} does
 * not cover {@code s3://b/database}. Locations never hold {@code ..} segments (the spec loader
 * refuses them), so a prefix is a real containment.
 */
public record DeltaRoots(List<String> roots) {

  public DeltaRoots {
    roots = roots == null ? List.of() : List.copyOf(roots);
  }

  public static DeltaRoots anywhere() {
    return new DeltaRoots(List.of());
  }

  public boolean restricted() {
    return !roots.isEmpty();
  }

  /** Why {@code location} may not be read on connection {@code connection}; empty when it may. */
  public Optional<String> refusal(String connection, String location) {
    return outside(connection, location).map(why -> "spec.output.location " + why);
  }

  /** As {@link #refusal}, without naming the spec field: for a message that names it already. */
  public Optional<String> outside(String connection, String location) {
    if (roots.isEmpty() || roots.stream().anyMatch(root -> covers(root, location))) {
      return Optional.empty();
    }
    return Optional.of("'" + location + "' is not under an allowed root of warehouse connection '"
        + connection + "' (allowed_roots: " + String.join(", ", roots) + ")");
  }

  /**
   * Why {@code root} cannot be a root, for config validation; empty when it can. A relative path
   * would depend on the worker's working directory, so roots are absolute.
   */
  public static Optional<String> problem(String root) {
    if (root == null || root.isBlank()) {
      return Optional.of("must not be empty");
    }
    if (root.matches("(?s).*(^|[/\\\\])(\\.|%2[eE]){2}([/\\\\]|$).*")) {
      return Optional.of("must not contain '..' segments, got '" + root + "'");
    }
    if (!root.contains("://")) {
      return Path.of(root).isAbsolute() ? Optional.empty()
          : Optional.of("must be an absolute path or a file://, s3://, s3a://, gs:// or abfss:// URI, got '" + root + "'");
    }
    try {
      URI uri = new URI(root);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return switch (scheme) {
        case "file" -> uri.getPath() != null && uri.getPath().startsWith("/") ? Optional.empty()
            : Optional.of("a file:// root needs an absolute path, such as file:///data/tables, got '" + root + "'");
        case "s3", "s3a", "gs", "abfss" -> uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()
            ? Optional.empty() : Optional.of("must name a bucket or container, such as " + scheme + "://bucket/prefix, got '" + root + "'");
        default -> Optional.of("must be an absolute path or a file://, s3://, s3a://, gs:// or abfss:// URI, got '" + root + "'");
      };
    } catch (java.net.URISyntaxException e) {
      return Optional.of("must be a valid URI, got '" + root + "' (" + e.getReason() + ")");
    }
  }

  private static boolean covers(String root, String location) {
    Optional<Path> rootPath = localPath(root);
    Optional<Path> locationPath = localPath(location);
    if (rootPath.isPresent() || locationPath.isPresent()) {
      return rootPath.isPresent() && locationPath.isPresent() && locationPath.get().startsWith(rootPath.get());
    }
    String prefix = withLowerScheme(stripTrailingSlashes(root));
    String candidate = withLowerScheme(location);
    return candidate.equals(prefix) || candidate.startsWith(prefix + "/");
  }

  /** A local path or {@code file://} URI as an absolute normalized path; empty for an object-store URI. */
  private static Optional<Path> localPath(String text) {
    if (!text.contains("://")) {
      return Optional.of(Path.of(DeltaLocation.of(text).path()));
    }
    if (text.regionMatches(true, 0, "file://", 0, "file://".length())) {
      try {
        return Optional.of(Path.of(new URI(text).getPath()).normalize());
      } catch (java.net.URISyntaxException | IllegalArgumentException | NullPointerException e) {
        // Not a usable file URI: an empty relative path, which no (absolute) root covers.
        return Optional.of(Path.of(""));
      }
    }
    return Optional.empty();
  }

  private static String stripTrailingSlashes(String text) {
    String out = text;
    while (out.endsWith("/") && !out.endsWith("://")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  private static String withLowerScheme(String uri) {
    int separator = uri.indexOf("://");
    return uri.substring(0, separator).toLowerCase(Locale.ROOT) + uri.substring(separator);
  }
}
