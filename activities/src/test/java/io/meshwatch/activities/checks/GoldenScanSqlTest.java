package io.meshwatch.activities.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the fused scan each dialect renders for two representative specs in golden files,
 * {@code src/test/resources/golden/<dialect>/representative-scan.sql} (the reference checks and
 * every construct a dialect spells differently, scoped by day partitions) and
 * {@code custom-expressions.sql} (every other construct of the expression language, scoped by a
 * timestamp), so any change to the SQL a
 * warehouse receives shows up as a diff in review. The semantics of the same plan are proven
 * against real engines by the DuckDB and PostgreSQL activity tests; the golden files pin the text.
 *
 * <p>After an intended change, regenerate the files and review the diff:
 * {@code MESHWATCH_UPDATE_GOLDEN=true ./mvnw -pl activities -am verify -Dtest=GoldenScanSqlTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class GoldenScanSqlTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final boolean UPDATE = "true".equals(System.getenv("MESHWATCH_UPDATE_GOLDEN"));

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theRenderedScanMatchesTheGoldenFile(Dialect dialect) throws IOException {
    ScanPlan plan = RepresentativeSpec.plan(dialect);
    assertThat(plan.settled()).singleElement().satisfies(r -> assertThat(r.checkId()).isEqualTo("pii:card_token"));
    assertGolden(dialect, "representative-scan.sql", plan.query());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyConstructOfTheExpressionLanguageMatchesTheGoldenFile(Dialect dialect) throws IOException {
    ScanPlan plan = RepresentativeSpec.plan(RepresentativeSpec.customExpressionSpec(), dialect);
    assertThat(plan.settled()).singleElement().satisfies(r -> assertThat(r.checkId()).isEqualTo("pii:card_token"));
    assertGolden(dialect, "custom-expressions.sql", plan.query());
  }

  private static void assertGolden(Dialect dialect, String name, ScanQuery query) throws IOException {
    String rendered = layout(query);
    Path file = GOLDEN.resolve(dialect.name().toLowerCase(Locale.ROOT)).resolve(name);
    if (UPDATE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
    }

    assertThat(file).as("golden file for %s (see the class comment to regenerate)", dialect).exists();
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(rendered);
    assertThat(unlayout(rendered)).isEqualTo(query.sql());
  }

  /**
   * One select item per line, FROM and WHERE on their own lines, and the bound parameters as a
   * trailing comment. Line breaks go only where the renderer puts {@code ", "} after an alias, or a
   * single space before FROM and WHERE, so {@link #unlayout} restores the exact text.
   */
  static String layout(ScanQuery query) {
    String sql = query.sql();
    int from = sql.lastIndexOf(" FROM ");
    int where = sql.indexOf(" WHERE ", from);
    int select = sql.indexOf("SELECT ") + "SELECT ".length();
    String items = sql.substring(select, from).replaceAll("( AS m\\d+), ", "$1,\n  ");
    String tail = where < 0
        ? "\n" + sql.substring(from + 1)
        : "\n" + sql.substring(from + 1, where) + "\n" + sql.substring(where + 1);
    String parameters = query.parameters().stream()
        .map(p -> p instanceof String text ? "'" + text + "'" : p + " (" + p.getClass().getSimpleName() + ")")
        .collect(Collectors.joining(", "));
    return sql.substring(0, select - 1) + "\n  " + items + tail + "\n-- parameters: [" + parameters + "]\n";
  }

  static String unlayout(String layout) {
    String sql = layout.substring(0, layout.lastIndexOf("\n-- parameters:"));
    return sql.replace("SELECT\n  ", "SELECT ").replace(",\n  ", ", ").replace("\nFROM ", " FROM ")
        .replace("\nWHERE ", " WHERE ");
  }
}
