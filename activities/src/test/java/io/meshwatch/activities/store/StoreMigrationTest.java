package io.meshwatch.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.store.jooq.Meshwatch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StoreMigrationTest {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE fresh");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void migrationsApplyToAnEmptyDatabaseAndAgainAsANoOp() {
    String url = postgres.getJdbcUrl("postgres", "fresh");
    try (StoreDatabase first = StoreDatabase.connect(url, "postgres", "postgres")) {
      assertThat(first.dsl().fetchCount(io.meshwatch.activities.store.jooq.Tables.PRODUCTS)).isZero();
    }
    try (StoreDatabase second = StoreDatabase.connect(url, "postgres", "postgres", 2)) {
      // Flyway also lists its own creation of the schema, which has no version.
      var info = Flyway.configure().dataSource(second.dataSource()).schemas(StoreDatabase.SCHEMA).load().info();
      List<MigrationInfo> applied = java.util.Arrays.stream(info.applied()).filter(m -> m.getVersion() != null).toList();
      List<String> shipped = java.util.Arrays.stream(info.all()).filter(m -> m.getVersion() != null)
          .map(m -> m.getVersion().getVersion()).toList();
      // Every migration the build ships is applied, once, in order, and none is left pending.
      assertThat(shipped).startsWith("1", "2", "3", "4", "5");
      assertThat(applied).extracting(m -> m.getVersion().getVersion()).containsExactlyElementsOf(shipped);
      assertThat(info.pending()).isEmpty();
      assertThat(applied).noneMatch(m -> m.getState().isFailed());
    }
  }

  @Test
  void generatedClassesMatchTheMigratedSchema() {
    try (StoreDatabase database = StoreDatabase.open(postgres.getPostgresDatabase())) {
      DSLContext dsl = database.dsl();
      Map<String, Table<?>> live =
          dsl.meta().getSchemas(StoreDatabase.SCHEMA).get(0).getTables().stream()
              .filter(t -> !t.getName().equals("flyway_schema_history"))
              .collect(Collectors.toMap(Table::getName, t -> t, (a, b) -> a, TreeMap::new));

      Map<String, Table<?>> generated =
          Meshwatch.MESHWATCH.getTables().stream()
              .collect(Collectors.toMap(Table::getName, t -> t, (a, b) -> a, TreeMap::new));

      assertThat(generated.keySet()).containsExactlyElementsOf(live.keySet());
      for (String name : generated.keySet()) {
        assertThat(describe(generated.get(name))).as(name).isEqualTo(describe(live.get(name)));
        assertThat(primaryKey(generated.get(name))).as(name + " primary key").isEqualTo(primaryKey(live.get(name)));
      }
    }
  }

  /** Column name, SQL type and nullability, in column order. */
  private static List<String> describe(Table<?> table) {
    return java.util.Arrays.stream(table.fields())
        .map(f -> f.getName() + " " + typeName(f) + (f.getDataType().nullable() ? " null" : " not null"))
        .toList();
  }

  private static String typeName(Field<?> field) {
    // Same PostgreSQL type, different jOOQ names: text is varchar, float is double precision, and
    // timestamptz columns are generated as Instant.
    String name = field.getDataType().getSQLDataType().getTypeName();
    return switch (name) {
      case "clob" -> "varchar";
      case "float" -> "double";
      case "instant" -> "timestamp with time zone";
      default -> name;
    };
  }

  private static List<String> primaryKey(Table<?> table) {
    UniqueKey<?> key = table.getPrimaryKey();
    return key == null ? List.of() : key.getFields().stream().map(Field::getName).toList();
  }
}
