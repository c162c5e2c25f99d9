package io.meshwatch.activities.warehouse.snowflake;

import io.meshwatch.activities.warehouse.snowflake.SnowflakeProtocolServer.Column;
import io.meshwatch.activities.warehouse.snowflake.SnowflakeProtocolServer.Reply;
import io.meshwatch.activities.warehouse.snowflake.SnowflakeProtocolServer.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of the test account, answering the metadata query the way Snowflake's
 * INFORMATION_SCHEMA would: per UNION ALL branch, the database named in its FROM clause, the
 * schema and table name lists of its IN predicates filled from the statement's bindings in order,
 * and the select list read item by item. Names compare exactly, as Snowflake compares them.
 */
public final class InformationSchemaFixture {

  private static final Pattern DATABASE = Pattern.compile("FROM \"((?:[^\"]|\"\")+)\"\\.INFORMATION_SCHEMA\\.TABLES t");
  private static final Pattern IN_LIST = Pattern.compile("IN \\(((?:\\?, )*\\?)\\)");

  public record ColumnDefinition(String name, String dataType, Integer precision, Integer scale) {}

  /** A table of the account; mutable so a test can load data or drop a column under a monitor. */
  public static final class Table {
    public final String database;
    public final String schema;
    public final String name;
    public volatile String type = "BASE TABLE";
    public volatile Instant lastAltered = Instant.parse("2024-06-10T06:00:00Z");
    public volatile Long rowCount = 8L;
    public volatile Long bytes = 4096L;
    final List<ColumnDefinition> columns = new CopyOnWriteArrayList<>();

    Table(String database, String schema, String name) {
      this.database = database;
      this.schema = schema;
      this.name = name;
    }

    public Table column(String name, String dataType) {
      columns.add(new ColumnDefinition(name, dataType, null, null));
      return this;
    }

    public Table number(String name, int precision, int scale) {
      columns.add(new ColumnDefinition(name, "NUMBER", precision, scale));
      return this;
    }

    public Table dropColumn(String name) {
      columns.removeIf(c -> c.name().equals(name));
      return this;
    }
  }

  private final List<Table> tables = new CopyOnWriteArrayList<>();

  public Table table(String database, String schema, String name) {
    Table table = new Table(database, schema, name);
    tables.add(table);
    return table;
  }

  static boolean answers(String sql) {
    return sql.contains(".INFORMATION_SCHEMA.TABLES t");
  }

  Reply reply(Statement statement) {
    Iterator<String> bindings = statement.bindings().stream()
        .map(SnowflakeProtocolServer.Binding::value)
        .iterator();
    List<Column> columns = null;
    List<List<String>> rows = new ArrayList<>();
    for (String branch : statement.sql().split("\nUNION ALL\n")) {
      Matcher database = DATABASE.matcher(branch);
      if (!database.find()) {
        throw new IllegalStateException("no database in metadata branch: " + branch);
      }
      String db = database.group(1).replace("\"\"", "\"");
      if (tables.stream().noneMatch(t -> t.database.equals(db))) {
        return Reply.failure(2003, "02000", "SQL compilation error:\nDatabase '" + db
            + "' does not exist or not authorized.");
      }
      List<Set<String>> lists = new ArrayList<>();
      Matcher in = IN_LIST.matcher(branch);
      while (in.find()) {
        int count = in.group(1).split(", ").length;
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          values.add(bindings.next());
        }
        lists.add(Set.copyOf(values));
      }
      // In text order: the COLUMNS view's schema and name lists (ON), then the TABLES view's (WHERE).
      if (lists.size() != 4) {
        throw new IllegalStateException("expected four IN lists, found " + lists.size());
      }
      List<String> items = selectItems(branch);
      columns = items.stream().map(InformationSchemaFixture::columnOf).toList();
      for (Table table : tables) {
        if (!table.database.equals(db) || !lists.get(2).contains(table.schema) || !lists.get(3).contains(table.name)) {
          continue;
        }
        boolean columnsVisible = lists.get(0).contains(table.schema) && lists.get(1).contains(table.name);
        List<ColumnDefinition> visible = columnsVisible ? List.copyOf(table.columns) : List.of();
        if (visible.isEmpty()) {
          rows.add(values(items, table, null, 0));
        }
        for (int i = 0; i < visible.size(); i++) {
          rows.add(values(items, table, visible.get(i), i + 1));
        }
      }
    }
    return new Reply.Rows(columns, rows);
  }

  /** The select list, split at top-level commas. */
  private static List<String> selectItems(String branch) {
    String list = branch.substring(branch.indexOf("SELECT ") + "SELECT ".length(), branch.indexOf("\nFROM "));
    List<String> items = new ArrayList<>();
    int depth = 0;
    StringBuilder item = new StringBuilder();
    for (char c : list.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        items.add(item.toString().strip());
        item.setLength(0);
      } else {
        item.append(c);
      }
    }
    items.add(item.toString().strip());
    return items;
  }

  private static Column columnOf(String item) {
    return switch (item) {
      case "DATE_PART(EPOCH_NANOSECOND, t.LAST_ALTERED)", "t.ROW_COUNT", "t.BYTES", "c.NUMERIC_PRECISION",
          "c.NUMERIC_SCALE", "c.ORDINAL_POSITION" -> Column.fixed(item);
      default -> Column.text(item);
    };
  }

  private static List<String> values(List<String> items, Table table, ColumnDefinition column, int ordinal) {
    List<String> row = new ArrayList<>();
    for (String item : items) {
      row.add(switch (item) {
        case "t.TABLE_CATALOG" -> table.database;
        case "t.TABLE_SCHEMA" -> table.schema;
        case "t.TABLE_NAME" -> table.name;
        case "t.TABLE_TYPE" -> table.type;
        case "DATE_PART(EPOCH_NANOSECOND, t.LAST_ALTERED)" -> table.lastAltered == null ? null
            : Long.toString(table.lastAltered.getEpochSecond() * 1_000_000_000L + table.lastAltered.getNano());
        case "t.ROW_COUNT" -> table.rowCount == null ? null : table.rowCount.toString();
        case "t.BYTES" -> table.bytes == null ? null : table.bytes.toString();
        case "c.COLUMN_NAME" -> column == null ? null : column.name();
        case "c.DATA_TYPE" -> column == null ? null : column.dataType();
        case "c.NUMERIC_PRECISION" -> column == null || column.precision() == null ? null : column.precision().toString();
        case "c.NUMERIC_SCALE" -> column == null || column.scale() == null ? null : column.scale().toString();
        case "c.ORDINAL_POSITION" -> column == null ? null : Integer.toString(ordinal);
        default -> throw new IllegalStateException("the fixture cannot answer select item " + item);
      });
    }
    return row;
  }
}
