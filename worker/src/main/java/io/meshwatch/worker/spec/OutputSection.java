package io.meshwatch.worker.spec;

import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code spec.output}: the format and the location fields that format needs. */
final class OutputSection {

  static final List<String> FIELDS =
      List.of("format", "location", "catalog", "database", "schema", "table", "project", "dataset", "connection");

  private static final List<String> FORMATS =
      Arrays.stream(OutputFormat.values()).map(OutputFormat::specName).toList();

  /** Per format: the location fields it requires, then those it also accepts. */
  private record Layout(List<String> required, List<String> optional) {
    boolean uses(String field) {
      return required.contains(field) || optional.contains(field);
    }

    String describe() {
      List<String> all = new java.util.ArrayList<>(required);
      all.addAll(optional);
      return Texts.allOf(all);
    }
  }

  private static final Map<OutputFormat, Layout> LAYOUTS = Map.of(
      // Delta is addressed by its location; database/schema/table name it in a catalog (informational).
      OutputFormat.DELTA, new Layout(List.of("location"), List.of("database", "schema", "table")),
      OutputFormat.SNOWFLAKE, new Layout(List.of("table"), List.of("database", "schema")),
      // The project defaults to the connection's.
      OutputFormat.BIGQUERY, new Layout(List.of("dataset", "table"), List.of("project")),
      OutputFormat.DUCKDB, new Layout(List.of("table"), List.of("database", "schema")),
      OutputFormat.POSTGRES, new Layout(List.of("table"), List.of("database", "schema")));

  private static final List<String> LOCATION_FIELDS =
      List.of("location", "database", "schema", "table", "project", "dataset");

  private static final Set<String> OBJECT_STORE_SCHEMES = Set.of("s3", "s3a", "gs", "abfss");
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

  /**
   * Characters a location never needs. Some engines take the location as a string literal (DuckDB's
   * {@code delta_scan('...')}); refusing quotes keeps a location from ever closing that literal.
   */
  private static final Pattern UNSAFE_LOCATION = Pattern.compile("['\"`;\\p{Cntrl}]");

  /**
   * A {@code ..} segment, percent-encoded or not: a location names where a table is, never a way out
   * of a directory the operator meant (a relative location resolves against the worker's directory).
   */
  private static final Pattern PARENT_SEGMENT = Pattern.compile("(^|[/\\\\])(\\.|%2[eE]){2}([/\\\\?#]|$)");

  /**
   * Directories of the operating system, never of a table: a spec pointing there can only probe the
   * worker's host (which files exist, through the errors reading them gives).
   */
  private static final Pattern SYSTEM_DIRECTORY =
      Pattern.compile("/+(etc|proc|sys|dev|boot|root|run|var/run)(/.*)?", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final String SYSTEM_MESSAGE = "must not point into a system directory (/etc, /proc, /sys, /dev, /boot, /root, /run)";

  private OutputSection() {}

  static OutputSpec bind(Fields output) {
    String formatName = null;
    if (!output.has("format")) {
      output.required("format");
    } else {
      formatName = output.choice("format", FORMATS);
    }
    OutputFormat format = formatName == null ? null : OutputFormat.valueOf(formatName.toUpperCase(Locale.ROOT));

    String location = location(output);
    String database = output.named("database", NameRules.IDENTIFIER);
    String schema = output.named("schema", NameRules.IDENTIFIER);
    String table = output.named("table", NameRules.IDENTIFIER);
    String project = output.named("project", NameRules.GCP_PROJECT);
    String dataset = output.named("dataset", NameRules.IDENTIFIER);
    String catalog = output.named("catalog", NameRules.CATALOG);
    String connection = connection(output);

    if (format != null) {
      Layout layout = LAYOUTS.get(format);
      for (String field : layout.required()) {
        if (!output.has(field)) {
          output.error(field, "required for format " + format.specName());
        }
      }
      for (String field : LOCATION_FIELDS) {
        if (output.has(field) && !layout.uses(field)) {
          output.error(field, "not used by format " + format.specName() + ", which takes " + layout.describe());
        }
      }
    }
    if (format == null) {
      return null;
    }
    return new OutputSpec(format, location, catalog, database, schema, table, project, dataset, connection);
  }

  private static String location(Fields output) {
    String location = output.text("location");
    if (location == null) {
      return null;
    }
    if (location.isBlank()) {
      output.error("location", "must not be empty");
      return null;
    }
    if (UNSAFE_LOCATION.matcher(location).find()) {
      output.error("location", "must not contain quotes, ';' or control characters, got " + Texts.quote(location));
      return null;
    }
    if (PARENT_SEGMENT.matcher(location).find()) {
      output.error("location", "must not contain '..' segments, got " + Texts.quote(location));
      return null;
    }
    if (!SCHEME.matcher(location).matches()) {
      if (SYSTEM_DIRECTORY.matcher(location).matches()) {
        output.error("location", SYSTEM_MESSAGE + ", got " + Texts.quote(location));
        return null;
      }
      return location; // a local path, absolute or relative
    }
    String problem = uriProblem(location);
    if (problem != null) {
      output.error("location", problem);
      return null;
    }
    return location;
  }

  private static String uriProblem(String location) {
    String expected = "must be an s3://, s3a://, gs://, abfss:// or file:// URI, or a local path, got " + Texts.quote(location);
    int separator = location.indexOf("://");
    if (separator < 0) {
      return expected;
    }
    String scheme = location.substring(0, separator).toLowerCase(Locale.ROOT);
    if (!OBJECT_STORE_SCHEMES.contains(scheme) && !scheme.equals("file")) {
      return expected;
    }
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      return "must be a valid URI, got " + Texts.quote(location) + " (" + e.getReason() + ")";
    }
    if (scheme.equals("file")) {
      if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
        return "a file:// location needs an absolute path, such as file:///data/orders";
      }
      // The decoded path: file:///%65tc is /etc as well.
      return SYSTEM_DIRECTORY.matcher(uri.getPath()).matches() || PARENT_SEGMENT.matcher(uri.getPath()).find()
          ? SYSTEM_MESSAGE + " and must not contain '..' segments, got " + Texts.quote(location) : null;
    }
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      return "must name a bucket or container, such as " + scheme + "://bucket/path, got " + Texts.quote(location);
    }
    if (authority.contains("@") && !scheme.equals("abfss")) {
      return Credentials.MESSAGE;
    }
    if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
      return Credentials.MESSAGE;
    }
    return null;
  }

  private static String connection(Fields output) {
    String connection = output.text("connection");
    if (connection == null) {
      return null;
    }
    if (connection.contains("://") || connection.contains("@") || connection.contains(":") || connection.contains("=")) {
      output.error("connection", Credentials.MESSAGE);
      return null;
    }
    if (!NameRules.CONNECTION.accepts(connection)) {
      output.error("connection", NameRules.CONNECTION.problem(connection));
      return null;
    }
    return connection;
  }
}
