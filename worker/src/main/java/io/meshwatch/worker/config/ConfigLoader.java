package io.meshwatch.worker.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwatch.activities.warehouse.bigquery.BigQuerySettings;
import io.meshwatch.activities.warehouse.delta.DeltaRoots;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads the worker config: built-in defaults, then the file (if any), then environment overrides.
 * Every problem is reported at once as {@code path: problem}; unknown keys are problems, so a typo
 * never silently falls back to a default.
 */
public final class ConfigLoader {

  /** Sections whose keys are names chosen by the operator, not fixed fields. */
  private static final Set<String> NAMED_SECTIONS = Set.of("warehouses", "teams", "http.api_tokens");
  private static final java.util.SortedSet<String> WAREHOUSE_FORMATS = new java.util.TreeSet<>(Set.of("duckdb", "postgres", "snowflake", "bigquery", "delta"));
  /** Formats reached through a JDBC URL; the others take an optional endpoint. */
  private static final Set<String> JDBC_FORMATS = Set.of("duckdb", "postgres", "snowflake");
  /** Snowflake driver properties that carry secrets, which belong in password_env or password_file. */
  private static final Set<String> SNOWFLAKE_SECRET_PROPERTIES = Set.of(
      "password", "private_key_file_pwd", "private_key_pwd", "privatekey", "private_key_base64", "token", "passcode");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}");
  private static final int MAX_CONFIG_BYTES = 1 << 20;

  private final ObjectMapper yaml;
  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
    SimpleModule durations = new SimpleModule().addDeserializer(Duration.class, new JsonDeserializer<>() {
      @Override
      public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        try {
          return HumanDuration.parse(p.getValueAsString());
        } catch (IllegalArgumentException e) {
          throw ctx.weirdStringException(p.getValueAsString(), Duration.class, e.getMessage());
        }
      }
    });
    this.yaml = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .registerModule(durations)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
  }

  public static ConfigLoader fromEnvironment() {
    return new ConfigLoader(System.getenv());
  }

  /** The defaults with environment overrides, no file. */
  public WorkerConfig defaults() throws ConfigException {
    return load(null);
  }

  public WorkerConfig load(Path file) throws ConfigException {
    String source = file == null ? "defaults" : file.toString();
    List<ConfigProblem> problems = new ArrayList<>();
    ObjectNode tree = defaultsTree();
    if (file != null) {
      try {
        if (Files.size(file) > MAX_CONFIG_BYTES) {
          throw new ConfigException(source, List.of(new ConfigProblem("(file)", "larger than 1 MiB")));
        }
        JsonNode given = yaml.readTree(file.toFile());
        if (given != null && !given.isMissingNode() && !given.isNull()) {
          if (!given.isObject()) {
            throw new ConfigException(source, List.of(new ConfigProblem("(root)", "must be a mapping")));
          }
          merge(tree, (ObjectNode) given, "", problems);
        }
      } catch (IOException e) {
        throw new ConfigException(source, List.of(new ConfigProblem("(file)", "cannot read: " + e.getMessage())));
      }
    }
    applyEnvironment(tree, "", problems);
    // Policies are a closed set of records, read by their own reader rather than bound field by field.
    WorkerConfig.Governance governance = GovernanceConfig.read(tree.remove("governance"), yaml, problems);
    // Unknown keys were left out of the tree, so it still binds: report them with every other problem.
    WorkerConfig config = null;
    try {
      config = yaml.treeToValue(tree, WorkerConfig.class);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      String path = e.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
          .orElse("(config)");
      problems.add(new ConfigProblem(path, bindingProblem(e)));
    } catch (IOException e) {
      problems.add(new ConfigProblem("(config)", e.getMessage()));
    }
    if (config != null) {
      config = config.withGovernance(governance);
      problems.addAll(validate(config));
      IncidentConfigRules.check(config, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return config;
  }

  /** Checks values beyond their types. */
  static List<ConfigProblem> validate(WorkerConfig c) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (!c.temporal().embedded() && !HOST_PORT.matcher(c.temporal().target()).matches()) {
      problems.add(new ConfigProblem("temporal.target", "must be 'embedded' or host:port, got '" + c.temporal().target() + "'"));
    }
    if (c.temporal().tls() != null && c.temporal().tls().enabled()) {
      if (c.temporal().tls().clientCert() == null || c.temporal().tls().clientKey() == null) {
        problems.add(new ConfigProblem("temporal.tls", "client_cert and client_key are required when TLS is enabled"));
      }
    }
    workerTuningProblems(c.temporal().worker(), problems);
    if (!c.store().embedded() && !c.store().url().startsWith("jdbc:postgresql:")) {
      problems.add(new ConfigProblem("store.url", "must be 'embedded' or a jdbc:postgresql: URL"));
    }
    if (c.http().port() < 0 || c.http().port() > 65535) {
      problems.add(new ConfigProblem("http.port", "must be in 0..65535, got " + c.http().port()));
    }
    if (c.monitor().pollInterval().isNegative() || c.monitor().pollInterval().isZero()) {
      problems.add(new ConfigProblem("monitor.poll_interval", "must be positive"));
    }
    c.warehouses().forEach((name, w) -> {
      String path = "warehouses." + name;
      if (w.format() == null || !WAREHOUSE_FORMATS.contains(w.format())) {
        problems.add(new ConfigProblem(path + ".format", "must be one of " + WAREHOUSE_FORMATS + ", got '" + w.format() + "'"));
      }
      if ((w.url() == null || w.url().isBlank()) && JDBC_FORMATS.contains(w.format())) {
        problems.add(new ConfigProblem(path + ".url", "required for " + w.format() + " (a JDBC URL)"));
      } else if (w.url() != null && w.url().contains("password=")) {
        problems.add(new ConfigProblem(path + ".url", "must not contain a password; use password_env or password_file"));
      }
      if ("snowflake".equals(w.format())) {
        snowflakeProblems(path, w, problems);
      }
      if ("duckdb".equals(w.format())) {
        durationProblem(path, w, "keep_open", problems);
      }
      if (!w.allowedRoots().isEmpty() && !"delta".equals(w.format())) {
        problems.add(new ConfigProblem(path + ".allowed_roots", "only for delta connections (their tables are named by location)"));
      }
      for (int i = 0; i < w.allowedRoots().size(); i++) {
        String index = path + ".allowed_roots[" + i + "]";
        DeltaRoots.problem(w.allowedRoots().get(i)).ifPresent(problem -> problems.add(new ConfigProblem(index, problem)));
      }
      if ("postgres".equals(w.format())) {
        durationProblem(path, w, "metadata_max_age", problems);
      }
      if ("bigquery".equals(w.format())) {
        // Each problem reads "key: problem", the key relative to the connection.
        for (String problem : BigQuerySettings.problems(w.url(), w.properties(), w.passwordEnv() != null || w.passwordFile() != null)) {
          int colon = problem.indexOf(": ");
          problems.add(new ConfigProblem(path + "." + problem.substring(0, colon), problem.substring(colon + 2)));
        }
      }
    });
    return problems;
  }

  /** Temporal worker tuning: sizes of at least 1, a rate limit of zero (none) or more. */
  private static void workerTuningProblems(WorkerConfig.WorkerTuning w, List<ConfigProblem> problems) {
    positive("temporal.worker.workflow_cache_size", w.workflowCacheSize(), problems);
    positive("temporal.worker.max_concurrent_workflow_tasks", w.maxConcurrentWorkflowTasks(), problems);
    positive("temporal.worker.max_concurrent_activities", w.maxConcurrentActivities(), problems);
    double rate = w.maxTaskQueueActivitiesPerSecond();
    if (Double.isNaN(rate) || Double.isInfinite(rate) || rate < 0) {
      problems.add(new ConfigProblem("temporal.worker.max_task_queue_activities_per_second",
          "must be 0 (no limit) or a positive number of activities per second, got " + rate));
    }
  }

  private static void positive(String path, int value, List<ConfigProblem> problems) {
    if (value < 1) {
      problems.add(new ConfigProblem(path, "must be at least 1, got " + value));
    }
  }

  /** Snowflake connections: a Snowflake JDBC URL, a user, no secret among the driver properties, a valid metadata window. */
  private static void snowflakeProblems(String path, WorkerConfig.Warehouse w, List<ConfigProblem> problems) {
    if (w.url() != null && !w.url().isBlank() && !w.url().startsWith("jdbc:snowflake://")) {
      problems.add(new ConfigProblem(path + ".url", "must be a jdbc:snowflake:// URL, such as"
          + " jdbc:snowflake://ACCOUNT.snowflakecomputing.com/"));
    }
    if (w.user() == null || w.user().isBlank()) {
      problems.add(new ConfigProblem(path + ".user", "required for snowflake"));
    }
    for (String key : w.properties().keySet()) {
      if (SNOWFLAKE_SECRET_PROPERTIES.contains(key.toLowerCase(java.util.Locale.ROOT))) {
        problems.add(new ConfigProblem(path + ".properties." + key,
            "must not hold a secret; use password_env or password_file (the key's passphrase with private_key_file)"));
      }
    }
    durationProblem(path, w, "metadata_max_age", problems);
  }

  /** A connection property of meshwatch's own that holds a duration of zero or more. */
  private static void durationProblem(String path, WorkerConfig.Warehouse w, String key, List<ConfigProblem> problems) {
    String value = w.properties().get(key);
    if (value == null) {
      return;
    }
    try {
      if (HumanDuration.parse(value).isNegative()) {
        problems.add(new ConfigProblem(path + ".properties." + key, "must not be negative"));
      }
    } catch (IllegalArgumentException e) {
      problems.add(new ConfigProblem(path + ".properties." + key, e.getMessage()));
    }
  }

  /** Why a config tree did not bind, in words: an unknown key lists the known ones; no class names. */
  private static String bindingProblem(com.fasterxml.jackson.databind.JsonMappingException e) {
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
      List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      return "unknown key" + secretHint(unknown.getPropertyName(), known::contains) + " (known: " + String.join(", ", known) + ")";
    }
    return e.getOriginalMessage().replaceAll("\\(through reference chain.*", "").strip();
  }

  /**
   * Someone wrote a secret where its source belongs ({@code bot_token:} beside {@code bot_token_env}):
   * say where it goes. The value is never repeated.
   */
  private static String secretHint(String key, java.util.function.Predicate<String> known) {
    for (String suffix : List.of("_env", "_file")) {
      if (known.test(key + suffix)) {
        return "; secrets are never values in the config: name the environment variable in " + key + "_env or the file in "
            + key + "_file";
      }
    }
    return "";
  }

  /** Reads a secret named by config: from the environment variable, else the file; null when neither is set. */
  public String secret(String envName, String file) {
    if (envName != null && env.get(envName) != null) {
      return env.get(envName);
    }
    if (file != null) {
      try {
        return Files.readString(Path.of(file)).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read secret file named in config", e);
      }
    }
    return null;
  }

  /** Reads the secret {@code source} names; null when neither its variable nor its file is set. */
  public String secret(SecretSource source) {
    return secret(source.env(), source.file());
  }

  /**
   * Whether {@code source} would yield a secret, for {@code config check}, without reading it: the
   * variable is set, or the file is readable.
   */
  public SecretAvailability availability(SecretSource source) {
    if (source.env() != null && env.get(source.env()) != null) {
      return new SecretAvailability(true, "environment variable " + source.env() + ": set");
    }
    String unset = source.env() == null ? "" : "environment variable " + source.env() + ": not set";
    if (source.file() == null) {
      return new SecretAvailability(false, unset);
    }
    Path path = Path.of(source.file());
    boolean readable = Files.isReadable(path) && Files.isRegularFile(path);
    String state = readable ? "readable" : Files.exists(path) ? "not readable" : "missing";
    return new SecretAvailability(readable, (unset.isEmpty() ? "" : unset + "; ") + "file " + source.file() + ": " + state);
  }

  private ObjectNode defaultsTree() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/meshwatch-defaults.yaml")) {
      return (ObjectNode) yaml.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void merge(ObjectNode target, ObjectNode given, String prefix, List<ConfigProblem> problems) {
    for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      JsonNode existing = target.get(key);
      if (NAMED_SECTIONS.contains(path)) {
        target.set(key, field.getValue());
      } else if (existing == null) {
        String secretHint = secretHint(key, target::has);
        problems.add(new ConfigProblem(path, "unknown key" + (secretHint.isEmpty() ? suggestion(key, target) : secretHint)));
      } else if (existing.isObject() && field.getValue().isObject()) {
        merge((ObjectNode) existing, (ObjectNode) field.getValue(), path, problems);
      } else if (existing.isObject() && !field.getValue().isNull()) {
        problems.add(new ConfigProblem(path, "must be a mapping"));
      } else {
        target.set(key, field.getValue());
      }
    }
  }

  private void applyEnvironment(ObjectNode node, String prefix, List<ConfigProblem> problems) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (NAMED_SECTIONS.contains(path)) {
        continue;
      }
      if (field.getValue().isObject()) {
        applyEnvironment((ObjectNode) field.getValue(), path, problems);
      } else {
        String value = env.get(envName(path));
        if (value != null) {
          field.setValue(new TextNode(value));
        }
      }
    }
  }

  /** {@code temporal.task_queue} → {@code MESHWATCH_TEMPORAL_TASK_QUEUE}. */
  public static String envName(String path) {
    return "MESHWATCH_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static String suggestion(String key, ObjectNode siblings) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Iterator<String> it = siblings.fieldNames(); it.hasNext(); ) {
      String candidate = it.next();
      int d = distance(key, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 3) ? "; did you mean '" + best + "'?" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
