package io.meshwatch.worker.spec;

import io.meshwatch.workflows.model.PiiHandling;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Maps an Open Data Contract Standard v3 document ({@code apiVersion: v3.x.x}, {@code kind:
 * DataContract}) to a native spec document, field by field as docs/odcs.md describes. What is
 * required and missing is an error at its ODCS path; what has no meshwatch counterpart is a warning
 * at its path, never dropped silently. The native document is then bound by {@link SpecBinder} like
 * any spec, with the binder's problems reported at the ODCS paths the values came from.
 */
final class OdcsContract {

  static final String KIND = "DataContract";

  /** Server types and the output format each is monitored as. */
  private static final Map<String, String> FORMATS = Map.of(
      "snowflake", "snowflake", "bigquery", "bigquery", "postgres", "postgres", "postgresql", "postgres",
      "duckdb", "duckdb", "databricks", "delta", "s3", "delta", "azure", "delta", "local", "delta");

  /** Server fields that say how to connect: they belong in worker config, never in a spec. */
  private static final List<String> CONNECTION_DETAILS =
      List.of("host", "port", "account", "warehouse", "role", "regionName", "endpointUrl", "stagingDir", "workgroup", "path");

  /** ODCS logical types as meshwatch column types. */
  private static final Map<String, String> LOGICAL_TYPES = Map.of(
      "string", "string", "date", "date", "timestamp", "timestamp", "time", "time", "integer", "bigint",
      "number", "double", "boolean", "boolean", "object", "json");

  /** Classifications that mark a column as PII; {@code public} and {@code internal} do not. */
  private static final List<String> PII_CLASSES = List.of("pii", "personal", "personal-data", "sensitive", "confidential", "restricted");
  private static final List<String> NON_PII_CLASSES = List.of("public", "internal");

  private static final List<String> HANDLINGS = Arrays.stream(PiiHandling.values()).map(PiiHandling::specName).toList();

  private final Problems problems;
  private final OdcsQuality quality;
  /** The contract's root: where values without a node of their own point. */
  private Node root;

  OdcsContract(Problems problems) {
    this.problems = problems;
    this.quality = new OdcsQuality(problems);
  }

  /** True when {@code root} declares itself an ODCS data contract ({@code kind: DataContract}). */
  static boolean recognises(Node root) {
    if (root instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("kind")
            && tuple.getValueNode() instanceof ScalarNode value && value.getValue().equals(KIND)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The native spec document of the contract at {@code root}; null when an error was reported. */
  NativeTree.Built map(Node root) {
    this.root = root;
    OdcsObject contract = OdcsObject.of(root, "", problems);
    if (contract == null) {
      return null;
    }
    String apiVersion = contract.text("apiVersion");
    contract.take("kind");
    if (apiVersion == null) {
      problems.error("apiVersion", contract.line(), "required: the ODCS version, such as v3.0.2");
    } else if (!apiVersion.matches("v3\\.\\d+\\.\\d+")) {
      problems.error("apiVersion", contract.line(), "meshwatch reads ODCS v3 contracts (v3.x.x), got " + Texts.quote(apiVersion));
      return null;
    }
    NativeTree.Section document = new NativeTree.Section(root, SpecProblem.DOCUMENT);
    document.put("apiVersion", NativeTree.text(SpecBinder.API_VERSION, root, "apiVersion"));
    document.put("kind", NativeTree.text(SpecBinder.KIND, root, "kind"));

    List<CustomProperty> properties = customProperties(contract, "customProperties");
    NativeTree.Section metadata = document.section("metadata", root, SpecProblem.DOCUMENT);
    required(contract, "name", "meshwatch names the product after the contract (a lower-case DNS label)", metadata, "name");
    required(contract, "domain", "the product's domain (a lower-case DNS label)", metadata, "domain");
    team(contract, properties, metadata);

    NativeTree.Section spec = document.section("spec", root, SpecProblem.DOCUMENT);
    description(contract, spec);
    OdcsObject table = table(contract);
    output(contract, table, spec);
    if (table != null) {
      schemaAndQuality(table, spec);
    }
    sla(contract, spec);
    for (CustomProperty property : properties) {
      property(property, spec);
    }
    for (String key : List.of("id", "version", "status", "tenant", "dataProduct")) {
      contract.notMapped(key, "kept in the registered source text only");
    }
    contract.notMapped("roles", "access roles are granted in the warehouse, not monitored");
    contract.notMapped("support", "alerts go to the owning team's channel (worker config teams, or spec.alerts)");
    contract.take("slaDefaultElement");
    contract.reportUnmapped();
    return problems.hasErrors() ? null : NativeTree.build(document);
  }

  /** One entry of a {@code customProperties} list. */
  private record CustomProperty(String name, Node value, String path, Node at) {}

  private List<CustomProperty> customProperties(OdcsObject object, String key) {
    List<CustomProperty> properties = new ArrayList<>();
    for (OdcsObject.Item item : object.list(key)) {
      OdcsObject entry = OdcsObject.of(item.node(), item.path(), problems);
      if (entry == null) {
        continue;
      }
      String name = entry.text("property");
      Optional<Node> value = entry.take("value");
      if (name != null && value.isPresent()) {
        properties.add(new CustomProperty(name, value.get(), entry.path("value"), item.node()));
      }
      entry.reportUnmapped();
    }
    return properties;
  }

  private static Optional<CustomProperty> find(List<CustomProperty> properties, String... names) {
    return properties.stream().filter(p -> Arrays.asList(names).contains(p.name())).findFirst();
  }

  private void required(OdcsObject contract, String key, String meaning, NativeTree.Section target, String field) {
    Optional<Node> value = contract.take(key);
    if (value.isEmpty()) {
      problems.error(key, contract.line(), "required: " + meaning);
    } else if (value.get() instanceof ScalarNode scalar) {
      target.put(field, NativeTree.copy(scalar, key));
    } else {
      problems.error(key, Nodes.line(value.get()), "must be text, got " + Nodes.describe(value.get()));
    }
  }

  /** The owner (a team id) and the steward (a current member whose role is steward). */
  private void team(OdcsObject contract, List<CustomProperty> properties, NativeTree.Section metadata) {
    Optional<CustomProperty> owner = find(properties, "owner");
    Optional<CustomProperty> steward = find(properties, "steward");
    Optional<Node> teamNode = contract.take("team");
    String teamName = null;
    String teamNamePath = null;
    Node teamNameNode = null;
    List<OdcsObject.Item> members = List.of();
    if (teamNode.isPresent()) {
      if (teamNode.get() instanceof MappingNode) {
        // ODCS v3.1: team is an object with a name and members.
        OdcsObject team = OdcsObject.of(teamNode.get(), "team", problems);
        teamNamePath = team.path("name");
        teamNameNode = team.take("name").orElse(null);
        teamName = team.has("name") ? team.text("name") : null;
        members = team.list("members");
        team.reportUnmapped();
      } else if (teamNode.get() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode list) {
        // ODCS v3.0 (deprecated in v3.1): team is the list of members.
        members = items(list, "team");
      } else {
        problems.error("team", Nodes.line(teamNode.get()), "must be a mapping (name, members) or a list of members, got "
            + Nodes.describe(teamNode.get()));
      }
    }
    if (owner.isPresent() && owner.get().value() instanceof ScalarNode scalar) {
      metadata.put("owner", NativeTree.copy(scalar, owner.get().path()));
    } else if (teamNameNode instanceof ScalarNode scalar && teamName != null) {
      metadata.put("owner", NativeTree.copy(scalar, teamNamePath));
    } else {
      problems.error("team", contract.line(), "no owner: meshwatch routes alerts to the owning team; give team.name (ODCS v3.1)"
          + " or a customProperties entry 'owner' with the team id, such as orders-platform-team");
    }
    if (steward.isPresent() && steward.get().value() instanceof ScalarNode scalar) {
      metadata.put("steward", NativeTree.copy(scalar, steward.get().path()));
    }
    for (OdcsObject.Item item : members) {
      OdcsObject member = OdcsObject.of(item.node(), item.path(), problems);
      if (member == null) {
        continue;
      }
      String role = member.text("role");
      boolean current = !member.has("dateOut");
      Optional<Node> username = member.take("username");
      if (role != null && current && !metadata.has("steward") && role.toLowerCase(Locale.ROOT).contains("steward")
          && username.isPresent() && username.get() instanceof ScalarNode scalar) {
        metadata.put("steward", NativeTree.copy(scalar, member.path("username")));
      } else if (username.isPresent()) {
        problems.warn(item.path(), Nodes.line(item.node()), "not mapped: meshwatch keeps one steward (a current member whose role"
            + " names a steward); other members are not monitored contacts");
      }
      for (String key : List.of("name", "description", "dateIn", "dateOut", "replacedByUsername", "id")) {
        member.take(key);
      }
      member.reportUnmapped();
    }
  }

  /** {@code description.purpose}, with usage and limitations, as one description. */
  private void description(OdcsObject contract, NativeTree.Section spec) {
    Optional<Node> node = contract.take("description");
    if (node.isEmpty()) {
      return;
    }
    if (node.get() instanceof ScalarNode scalar) {
      spec.put("description", NativeTree.copy(scalar, "description"));
      return;
    }
    OdcsObject description = OdcsObject.of(node.get(), "description", problems);
    if (description == null) {
      return;
    }
    List<String> parts = new ArrayList<>();
    Optional.ofNullable(description.text("purpose")).ifPresent(p -> parts.add(p.strip()));
    Optional.ofNullable(description.text("usage")).ifPresent(p -> parts.add("Usage: " + p.strip()));
    Optional.ofNullable(description.text("limitations")).ifPresent(p -> parts.add("Limitations: " + p.strip()));
    if (!parts.isEmpty()) {
      spec.put("description", NativeTree.text(String.join("\n", parts), node.get(), "description"));
    }
    description.reportUnmapped();
  }

  /** The schema object meshwatch monitors: the first; the others are reported. */
  private OdcsObject table(OdcsObject contract) {
    List<OdcsObject.Item> objects = contract.list("schema");
    if (objects.isEmpty()) {
      problems.error("schema", contract.line(), "required: at least one schema object (the table to monitor)");
      return null;
    }
    for (OdcsObject.Item other : objects.subList(1, objects.size())) {
      problems.warn(other.path(), Nodes.line(other.node()), "not mapped: a meshwatch product monitors one table, "
          + objects.get(0).path() + "; register this one as a product of its own");
    }
    return OdcsObject.of(objects.get(0).node(), objects.get(0).path(), problems);
  }

  /** {@code spec.output} from the monitored server and the table's physical name. */
  private void output(OdcsObject contract, OdcsObject table, NativeTree.Section spec) {
    List<OdcsObject.Item> servers = contract.list("servers");
    if (servers.isEmpty()) {
      problems.error("servers", contract.line(), "required: the server holding the table (snowflake, bigquery, postgres, duckdb,"
          + " databricks, or delta on s3/azure)");
      return;
    }
    OdcsObject.Item chosen = servers.get(0);
    if (servers.size() > 1) {
      List<OdcsObject.Item> production = servers.stream().filter(OdcsContract::production).toList();
      if (production.size() != 1) {
        problems.error("servers", contract.line(), servers.size() + " servers and " + production.size()
            + " with environment prod or production: meshwatch monitors one; mark exactly one as production");
        return;
      }
      chosen = production.get(0);
      for (OdcsObject.Item other : servers) {
        if (other != chosen) {
          problems.warn(other.path(), Nodes.line(other.node()), "not mapped: meshwatch monitors the production server, " + chosen.path());
        }
      }
    }
    OdcsObject server = OdcsObject.of(chosen.node(), chosen.path(), problems);
    if (server == null) {
      return;
    }
    NativeTree.Section output = spec.section("output", server.node(), server.path());
    String type = server.text("type");
    String format = type == null ? null : FORMATS.get(type.toLowerCase(Locale.ROOT));
    if (type == null) {
      problems.error(server.path("type"), server.line(), "required");
    } else if (format == null) {
      problems.error(server.path("type"), server.line(), "meshwatch monitors snowflake, bigquery, postgres, duckdb, databricks,"
          + " and delta on s3, azure or local storage; got " + Texts.quote(type));
    } else {
      output.put("format", NativeTree.text(format, server.node(), server.path("type")));
    }
    Optional<Node> name = server.take("server");
    if (name.isPresent() && name.get() instanceof ScalarNode scalar) {
      // The server's identifier names the worker-config connection that holds its credentials.
      output.put("connection", NativeTree.copy(scalar, server.path("server")));
    }
    List<CustomProperty> properties = customProperties(server, "customProperties");
    if (format != null) {
      switch (format) {
        case "snowflake", "postgres" -> {
          copy(server, "database", output);
          copy(server, "schema", output);
        }
        case "duckdb" -> {
          server.notMapped("database", "a DuckDB file is opened by the worker-config connection, not named in a spec");
          copy(server, "schema", output);
        }
        case "bigquery" -> {
          copy(server, "project", output);
          copy(server, "dataset", output);
        }
        default -> delta(type.toLowerCase(Locale.ROOT), server, properties, output);
      }
      if (!format.equals("delta") && table != null) {
        tableName(table, output);
      }
    }
    for (String key : CONNECTION_DETAILS) {
      server.notMapped(key, "connection details belong in worker config (warehouses." + (name.isPresent() ? ((ScalarNode) name.get()).getValue() : "<connection>") + ")");
    }
    server.notMapped("environment", "meshwatch monitors the production server");
    for (CustomProperty property : properties) {
      if (!property.name().equals("location")) {
        problems.warn(property.path(), Nodes.line(property.at()), "not mapped: server custom property " + Texts.quote(property.name()));
      }
    }
    server.reportUnmapped();
  }

  private static boolean production(OdcsObject.Item server) {
    if (server.node() instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("environment")
            && tuple.getValueNode() instanceof ScalarNode value) {
          String environment = value.getValue().toLowerCase(Locale.ROOT);
          return environment.equals("prod") || environment.equals("production");
        }
      }
    }
    return false;
  }

  /** Delta: addressed by its location, from the server or (Databricks) a {@code location} custom property. */
  private void delta(String type, OdcsObject server, List<CustomProperty> properties, NativeTree.Section output) {
    if (type.equals("databricks")) {
      copyAs(server, "catalog", "database", output);
      copy(server, "schema", output);
      Optional<CustomProperty> location = find(properties, "location");
      if (location.isPresent() && location.get().value() instanceof ScalarNode scalar) {
        output.put("location", NativeTree.copy(scalar, location.get().path()));
      } else {
        problems.error(server.path("customProperties"), server.line(), "a databricks table is monitored as Delta by its storage"
            + " location: add a custom property 'location' (s3://..., abfss://...)");
      }
      return;
    }
    String fileFormat = server.text("format");
    if (fileFormat == null || !fileFormat.equalsIgnoreCase("delta")) {
      problems.error(server.path("format"), server.line(), "meshwatch monitors Delta tables on " + type + "; got "
          + (fileFormat == null ? "no format" : Texts.quote(fileFormat)));
    }
    if (!server.has("location")) {
      problems.error(server.path("location"), server.line(), "required: the Delta table's location");
    }
    copy(server, "location", output);
    server.notMapped("delimiter", "only used by JSON files");
  }

  private void tableName(OdcsObject table, NativeTree.Section output) {
    String key = table.has("physicalName") ? "physicalName" : "name";
    Optional<Node> name = table.take(key);
    if (name.isPresent() && name.get() instanceof ScalarNode scalar) {
      output.put("table", NativeTree.copy(scalar, table.path(key)));
    }
  }

  private void copy(OdcsObject source, String key, NativeTree.Section target) {
    copyAs(source, key, key, target);
  }

  private void copyAs(OdcsObject source, String key, String field, NativeTree.Section target) {
    Optional<Node> value = source.take(key);
    if (value.isEmpty()) {
      return;
    }
    if (value.get() instanceof ScalarNode scalar) {
      target.put(field, NativeTree.copy(scalar, source.path(key)));
    } else {
      problems.error(source.path(key), Nodes.line(value.get()), "must be text, got " + Nodes.describe(value.get()));
    }
  }

  /** The monitored object's properties as {@code spec.schema}, its rules and theirs as custom checks. */
  private void schemaAndQuality(OdcsObject table, NativeTree.Section spec) {
    List<NativeTree.Value> columns = new ArrayList<>();
    List<OdcsQuality.Check> checks = new ArrayList<>();
    for (OdcsObject.Item item : table.list("properties")) {
      OdcsObject property = OdcsObject.of(item.node(), item.path(), problems);
      if (property == null) {
        continue;
      }
      String columnName = column(property, columns);
      if (columnName != null) {
        checks.addAll(quality.map(property.list("quality"), columnName));
        Boolean unique = property.bool("unique");
        if (Boolean.TRUE.equals(unique)) {
          String col = OdcsQuality.quoted(columnName);
          checks.add(new OdcsQuality.Check(null, "count(" + col + ") - count(distinct " + col + ") = 0", null,
              property.node(), property.path("unique")));
        }
      }
      property.reportUnmapped();
    }
    checks.addAll(quality.map(table.list("quality"), null));
    table.take("physicalName");
    table.take("name");
    table.notMapped("physicalType", "meshwatch reads tables and views alike");
    table.notMapped("logicalType", "the monitored object is a table");
    table.reportUnmapped();
    if (!columns.isEmpty()) {
      spec.put("schema", new NativeTree.Items(columns, table.node(), table.path("properties")));
    }
    if (!checks.isEmpty()) {
      List<NativeTree.Value> list = new ArrayList<>();
      for (OdcsQuality.Check check : checks) {
        NativeTree.Section entry = new NativeTree.Section(check.at(), check.sourcePath());
        if (check.name() != null) {
          entry.put("name", NativeTree.text(check.name(), check.at(), check.sourcePath()));
        }
        entry.put("expr", NativeTree.text(check.expr(), check.at(), check.sourcePath()));
        if (check.severity() != null) {
          entry.put("severity", NativeTree.text(check.severity(), check.at(), check.sourcePath()));
        }
        list.add(entry);
      }
      quality(spec).put("custom_checks", new NativeTree.Items(list, table.node(), table.path("quality")));
    }
  }

  /** {@code spec.quality}, filled from rules, SLA properties and custom properties alike. */
  private NativeTree.Section quality(NativeTree.Section spec) {
    return spec.section("quality", root, SpecProblem.DOCUMENT);
  }

  private static List<OdcsObject.Item> items(org.snakeyaml.engine.v2.nodes.SequenceNode list, String path) {
    List<OdcsObject.Item> items = new ArrayList<>();
    for (Node item : list.getValue()) {
      items.add(new OdcsObject.Item(item, SpecPaths.index(path, items.size())));
    }
    return items;
  }

  /** One property as a column; its name, or null when it could not be mapped. */
  private String column(OdcsObject property, List<NativeTree.Value> columns) {
    NativeTree.Section column = new NativeTree.Section(property.node(), property.path());
    String nameKey = property.has("physicalName") ? "physicalName" : "name";
    Optional<Node> nameNode = property.take(nameKey);
    property.take("name");
    if (nameNode.isEmpty() || !(nameNode.get() instanceof ScalarNode name)) {
      problems.error(property.path("name"), property.line(), "required: the column's name");
      return null;
    }
    column.put("name", NativeTree.copy(name, property.path(nameKey)));
    type(property, column);
    Boolean required = property.bool("required");
    Boolean primaryKey = property.bool("primaryKey");
    property.take("primaryKeyPosition");
    if (Boolean.TRUE.equals(required) || Boolean.TRUE.equals(primaryKey)) {
      String from = Boolean.TRUE.equals(required) ? "required" : "primaryKey";
      column.put("nullable", NativeTree.bool(false, property.node(), property.path(from)));
    }
    pii(property, name.getValue(), column);
    columns.add(column);
    return name.getValue();
  }

  /** The physical type when meshwatch knows it, else the logical type's equivalent. */
  private void type(OdcsObject property, NativeTree.Section column) {
    String physical = property.text("physicalType");
    String logical = property.text("logicalType");
    if (physical != null && ColumnTypes.problem(ColumnTypes.normalise(physical)).isEmpty()) {
      column.put("type", NativeTree.text(physical, property.node(), property.path("physicalType")));
      return;
    }
    String mapped = logical == null ? null : logicalType(property, logical);
    if (mapped == null) {
      if (physical != null) {
        problems.error(property.path("physicalType"), property.line(), ColumnTypes.problem(ColumnTypes.normalise(physical)).orElse("unknown type")
            + (logical == null ? "; a logicalType would be used instead" : ""));
      } else if (logical == null) {
        problems.error(property.path("logicalType"), property.line(), "required: logicalType or physicalType (the column's type)");
      } else {
        problems.error(property.path("logicalType"), property.line(), "must be one of " + Texts.oneOf(List.copyOf(LOGICAL_TYPES.keySet().stream().sorted().toList()))
            + " or array, got " + Texts.quote(logical));
      }
      return;
    }
    if (physical != null) {
      problems.warn(property.path("physicalType"), property.line(), "not a type meshwatch knows; the logicalType " + Texts.quote(logical)
          + " is used, as " + mapped);
    }
    column.put("type", NativeTree.text(mapped, property.node(), property.path("logicalType")));
  }

  private String logicalType(OdcsObject property, String logical) {
    String lower = logical.toLowerCase(Locale.ROOT);
    if (lower.equals("array")) {
      OdcsObject items = property.object("items");
      String itemType = items == null ? null : Optional.ofNullable(items.text("logicalType")).map(t -> LOGICAL_TYPES.get(t.toLowerCase(Locale.ROOT))).orElse(null);
      if (items != null) {
        items.reportUnmapped();
      }
      return itemType == null ? "json" : "array<" + itemType + ">";
    }
    property.notMapped("logicalTypeOptions", "meshwatch checks types, not their options");
    return LOGICAL_TYPES.get(lower);
  }

  /** {@code pii} from the classification or a {@code pii} custom property; the handling from a custom property. */
  private void pii(OdcsObject property, String column, NativeTree.Section target) {
    List<CustomProperty> properties = customProperties(property, "customProperties");
    String classification = property.text("classification");
    Boolean pii = null;
    String from = null;
    Optional<CustomProperty> flag = find(properties, "pii");
    if (flag.isPresent() && flag.get().value() instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
      pii = Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
      from = flag.get().path();
    } else if (classification != null) {
      String lower = classification.toLowerCase(Locale.ROOT);
      if (PII_CLASSES.contains(lower)) {
        pii = true;
      } else if (!NON_PII_CLASSES.contains(lower)) {
        problems.warn(property.path("classification"), property.line(), "not recognised: " + Texts.quote(classification)
            + "; the column is taken as not PII (PII: " + String.join(", ", PII_CLASSES) + "; or a custom property 'pii: true')");
      }
      from = property.path("classification");
    }
    Optional<CustomProperty> handling = find(properties, "piiHandling", "pii_handling", "anonymizationStrategy");
    if (Boolean.TRUE.equals(pii)) {
      target.put("pii", NativeTree.bool(true, property.node(), from));
      String value = handling.filter(h -> h.value() instanceof ScalarNode).map(h -> ((ScalarNode) h.value()).getValue()).orElse(null);
      String mapped = value == null ? null : handling(value);
      if (mapped == null) {
        problems.error(property.path("customProperties"), property.line(), "column " + column + " is PII ("
            + (from.endsWith("classification") ? "classification " + Texts.quote(classification) : "custom property pii") + "): "
            + (value == null ? "declare how it is protected" : "the handling " + Texts.quote(value) + " is not one meshwatch knows;"
                + " declare it") + " in a custom property 'piiHandling' (" + Texts.oneOf(HANDLINGS) + ")");
      } else {
        target.put("pii_handling", NativeTree.text(mapped, handling.get().at(), handling.get().path()));
      }
    }
    for (CustomProperty other : properties) {
      boolean used = other.name().equals("pii") || (Boolean.TRUE.equals(pii) && handling.isPresent() && other == handling.get());
      if (!used) {
        problems.warn(other.path(), Nodes.line(other.at()), "not mapped: custom property " + Texts.quote(other.name()));
      }
    }
  }

  /** A handling as written in contracts ({@code hash}, {@code Hashed}, {@code masking}) as meshwatch's word; null when none. */
  private static String handling(String value) {
    String lower = value.toLowerCase(Locale.ROOT).strip();
    for (Map.Entry<String, String> root : Map.of("hash", "hashed", "mask", "masked", "token", "tokenized", "encrypt", "encrypted",
        "redact", "redacted").entrySet()) {
      if (lower.startsWith(root.getKey())) {
        return root.getValue();
      }
    }
    return null;
  }

  /** {@code slaProperties}: latency → freshness, availability → the availability target. */
  private void sla(OdcsObject contract, NativeTree.Section spec) {
    for (OdcsObject.Item item : contract.list("slaProperties")) {
      OdcsObject sla = OdcsObject.of(item.node(), item.path(), problems);
      if (sla == null) {
        continue;
      }
      String property = Optional.ofNullable(sla.text("property")).orElse("").toLowerCase(Locale.ROOT);
      switch (property) {
        case "latency", "ly", "freshness" -> latency(sla, spec);
        case "availability", "av" -> availability(sla, spec);
        default -> {
          problems.warn(item.path(), Nodes.line(item.node()), "not mapped: SLA property " + Texts.quote(property) + (property.equals("timeofavailability")
              ? " (spec.sla.available_by needs a refresh schedule, which a contract does not carry; add spec.sla by hand)"
              : " has no meshwatch counterpart"));
          for (String key : List.of("value", "valueExt", "unit", "element", "driver", "description")) {
            sla.take(key);
          }
        }
      }
      sla.take("driver");
      sla.take("description");
      sla.reportUnmapped();
    }
  }

  private void latency(OdcsObject sla, NativeTree.Section spec) {
    Optional<Node> value = sla.take("value");
    String unit = sla.text("unit");
    BigDecimal amount = value.flatMap(OdcsContract::decimal).orElse(null);
    if (amount == null) {
      problems.error(sla.path("value"), sla.line(), "required: a number (with unit) for the latency");
      return;
    }
    BigDecimal hoursPerUnit = unit == null ? null : switch (unit.toLowerCase(Locale.ROOT)) {
      case "d", "day", "days" -> BigDecimal.valueOf(24);
      case "h", "hr", "hrs", "hour", "hours" -> BigDecimal.ONE;
      case "m", "min", "mins", "minute", "minutes" -> BigDecimal.ONE.divide(BigDecimal.valueOf(60), 6, java.math.RoundingMode.HALF_UP);
      default -> null;
    };
    if (hoursPerUnit == null) {
      problems.error(sla.path("unit"), sla.line(), "must be a unit of time: d, h or m (days, hours, minutes), got "
          + (unit == null ? "none" : Texts.quote(unit)));
      return;
    }
    String hours = amount.multiply(hoursPerUnit).stripTrailingZeros().toPlainString();
    quality(spec).put("freshness_sla_hours", NativeTree.number(hours, sla.node(), sla.path("value")));
    String element = sla.text("element");
    if (element != null) {
      if (element.contains(",")) {
        problems.warn(sla.path("element"), sla.line(), "not mapped: several elements; meshwatch dates loads by one column");
      } else {
        String column = element.substring(element.lastIndexOf('.') + 1).strip();
        quality(spec).put("freshness_column", NativeTree.text(column, sla.node(), sla.path("element")));
      }
    }
  }

  private void availability(OdcsObject sla, NativeTree.Section spec) {
    Optional<Node> value = sla.take("value");
    String unit = sla.text("unit");
    BigDecimal amount = value.flatMap(OdcsContract::decimal).orElse(null);
    if (amount == null) {
      problems.error(sla.path("value"), sla.line(), "required: a number, such as 99.9 (percent) or 0.999");
      return;
    }
    // 99.9 and 99.9 % mean a percentage; 0.999 is already a fraction.
    boolean percent = (unit != null && (unit.equals("%") || unit.equalsIgnoreCase("percent"))) || amount.compareTo(BigDecimal.ONE) > 0;
    BigDecimal target = percent ? amount.movePointLeft(2) : amount;
    spec.section("sla", sla.node(), sla.path()).put("availability_target",
        NativeTree.number(target.stripTrailingZeros().toPlainString().contains(".") ? target.stripTrailingZeros().toPlainString()
            : target.setScale(1).toPlainString(), sla.node(), sla.path("value")));
  }

  private static Optional<BigDecimal> decimal(Node node) {
    if (node instanceof ScalarNode scalar && (Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()))) {
      try {
        return Optional.of(new BigDecimal(scalar.getValue().replace("+", "")));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Contract-level custom properties meshwatch reads: owner and steward (above), consumers, completenessThreshold. */
  private void property(CustomProperty property, NativeTree.Section spec) {
    switch (property.name()) {
      case "owner", "steward" -> {}
      case "consumers" -> spec.put("consumers", consumers(property));
      case "completenessThreshold" -> {
        if (property.value() instanceof ScalarNode scalar) {
          quality(spec).put("completeness_threshold", NativeTree.copy(scalar, property.path()));
        }
      }
      default -> problems.warn(property.path(), Nodes.line(property.at()), "not mapped: custom property " + Texts.quote(property.name()));
    }
  }

  /** {@code consumers}: a list of {@code {team, useCase}} (or {@code use_case}). */
  private NativeTree.Value consumers(CustomProperty property) {
    if (!(property.value() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode list)) {
      problems.error(property.path(), Nodes.line(property.value()), "must be a list of {team, useCase}, got " + Nodes.describe(property.value()));
      return null;
    }
    List<NativeTree.Value> consumers = new ArrayList<>();
    for (OdcsObject.Item item : items(list, property.path())) {
      OdcsObject consumer = OdcsObject.of(item.node(), item.path(), problems);
      if (consumer == null) {
        continue;
      }
      NativeTree.Section entry = new NativeTree.Section(item.node(), item.path());
      copy(consumer, "team", entry);
      copyAs(consumer, consumer.has("useCase") ? "useCase" : "use_case", "use_case", entry);
      consumer.reportUnmapped();
      consumers.add(entry);
    }
    return new NativeTree.Items(consumers, property.value(), property.path());
  }
}
