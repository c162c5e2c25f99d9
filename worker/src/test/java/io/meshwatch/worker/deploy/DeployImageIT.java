package io.meshwatch.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image Jib built in pre-integration-test (worker/pom.xml, execution image-test), on
 * the stand-in base of scripts/image-test-base.sh: its config as a container runtime reads it, its
 * layers, and the image run from its own layers in a chroot as its own non-root user, through its
 * own entry point. Not covered here: the real eclipse-temurin base (no registry can be reached
 * from a build) and a container engine's runtime (cgroups, networking).
 */
class DeployImageIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path IMAGE = Path.of("target/image-test/meshwatch-image.tar").toAbsolutePath();

  @TempDir
  static Path work;
  private static JsonNode config;
  private static Path rootfs;

  @BeforeAll
  static void unpack() throws IOException {
    assertThat(IMAGE).as("built by `./mvnw verify` (jib:buildTar, execution image-test)").exists();
    Path image = Files.createDirectories(work.resolve("image"));
    DeployFiles.succeed(image, List.of("tar", "-xf", IMAGE.toString()));
    JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
    config = JSON.readTree(image.resolve(manifest.path("Config").asText()).toFile());
    rootfs = Files.createDirectories(work.resolve("rootfs"));
    for (JsonNode layer : manifest.path("Layers")) {
      // Jib writes libarchive's creation-time header, which GNU tar does not know and may ignore.
      DeployFiles.succeed(rootfs, List.of("tar", "--warning=no-unknown-keyword", "-xzf", image.resolve(layer.asText()).toString()));
    }
  }

  @Test
  void configRunsTheWorkerAsANonRootUserOnItsPort() {
    JsonNode c = config.path("config");
    List<String> entrypoint = texts(c.path("Entrypoint"));
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED");
    assertThat(entrypoint).endsWith("-cp", "@/app/jib-classpath-file", "io.meshwatch.worker.Main");
    assertThat(texts(c.path("Cmd"))).containsExactly("worker", "--config", "/etc/meshwatch/meshwatch.yaml");
    assertThat(c.path("User").asText()).isEqualTo("65532:65532");
    assertThat(names(c.path("ExposedPorts"))).containsExactly("8080/tcp");
    assertThat(texts(c.path("Env"))).contains("HOME=/tmp").anyMatch(e -> e.startsWith("JAVA_HOME="));
    assertThat(c.path("WorkingDir").asText()).isEqualTo("/tmp");
    assertThat(c.path("Labels").path("org.opencontainers.image.title").asText()).isEqualTo("meshwatch");
    assertThat(c.path("Labels").path("org.opencontainers.image.version").asText()).isNotBlank();
    assertThat(config.path("os").asText()).isEqualTo("linux");
  }

  @Test
  void layersHoldTheWorkerAndEveryRuntimeDependency() throws IOException {
    assertThat(rootfs.resolve("app/classes/io/meshwatch/worker/Main.class")).isRegularFile();
    assertThat(rootfs.resolve("app/resources/meshwatch-defaults.yaml")).isRegularFile();
    // The same jars as the runnable jar's classpath (its manifest's Class-Path: runtime scope). Not
    // target/lib itself, which keeps jars of earlier builds until a clean.
    Set<String> libs = fileNames(rootfs.resolve("app/libs"));
    assertThat(libs).isEqualTo(manifestClasspath(Path.of("target/meshwatch-worker.jar")));
    assertThat(libs).anyMatch(n -> n.startsWith("meshwatch-workflows-")).anyMatch(n -> n.startsWith("meshwatch-activities-"))
        .anyMatch(n -> n.startsWith("meshwatch-alerts-")).anyMatch(n -> n.startsWith("temporal-sdk-"))
        .anyMatch(n -> n.startsWith("postgresql-"));
    // Every classpath entry the entry point names is in the layers.
    String classpath = Files.readString(rootfs.resolve("app/jib-classpath-file")).strip();
    for (String entry : classpath.split(":")) {
      assertThat(rootfs.resolve(entry.substring(1))).as(entry).exists();
    }
  }

  @Test
  void imageRunsFromItsLayersAsItsUser() throws IOException {
    assertThat(run(List.of("--help")).out()).contains("Usage: meshwatch", "worker", "validate");
  }

  @Test
  void imageChecksTheComposeConfigMountedWhereItsCommandReadsIt() throws IOException {
    Path etc = Files.createDirectories(rootfs.resolve("etc/meshwatch"));
    Files.copy(DeployFiles.root().resolve("deploy/compose/meshwatch.yaml"), etc.resolve("meshwatch.yaml"), StandardCopyOption.REPLACE_EXISTING);
    DeployFiles.Run check = run(List.of("config", "check", "/etc/meshwatch/meshwatch.yaml"), "MESHWATCH_STORE_PASSWORD=only-checked-for-presence");
    assertThat(check.out()).contains("/etc/meshwatch/meshwatch.yaml: ok");
  }

  @Test
  void imageValidatesSpecs() throws IOException {
    Path specs = Files.createDirectories(rootfs.resolve("tmp/specs"));
    try (Stream<Path> demo = Files.list(Path.of("src/main/resources/demo"))) {
      for (Path spec : demo.toList()) {
        Files.copy(spec, specs.resolve(spec.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    assertThat(run(List.of("validate", "/tmp/specs")).out()).contains("3 spec(s), 0 invalid");
  }

  /**
   * Runs the image's entry point with {@code args} in place of its default arguments, the way a
   * container runtime would: root directory the image's layers, the image's user and working
   * directory, only the image's environment (plus {@code extraEnv}). A user namespace maps this
   * process's user to the image's, so no privilege is needed.
   */
  private static DeployFiles.Run run(List<String> args, String... extraEnv) {
    JsonNode c = config.path("config");
    String[] user = c.path("User").asText().split(":");
    List<String> command = new ArrayList<>(List.of("unshare", "--map-user=" + user[0], "--map-group=" + user[1], "--mount", "--pid",
        "--fork", "--mount-proc=/proc", "--root=" + rootfs, "--wd=" + c.path("WorkingDir").asText()));
    command.addAll(0, List.of("env", "-i"));
    command.addAll(2, texts(c.path("Env")));
    command.addAll(2, Arrays.asList(extraEnv));
    command.addAll(texts(c.path("Entrypoint")));
    command.addAll(args);
    DeployFiles.Run run = DeployFiles.run(rootfs, command);
    assertThat(run.exit()).as("%s%nstdout:%n%s%nstderr:%n%s", command, run.out(), run.err()).isZero();
    return run;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  /** The file names on a jar's manifest Class-Path ({@code lib/x.jar lib/y.jar}). */
  private static Set<String> manifestClasspath(Path jar) throws IOException {
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      String classpath = file.getManifest().getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH);
      return java.util.Arrays.stream(classpath.trim().split("\\s+"))
          .map(entry -> entry.substring(entry.lastIndexOf('/') + 1))
          .collect(java.util.stream.Collectors.toSet());
    }
  }
}
