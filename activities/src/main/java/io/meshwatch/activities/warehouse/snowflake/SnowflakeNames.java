package io.meshwatch.activities.warehouse.snowflake;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the names a spec writes map to Snowflake's. Snowflake stores an unquoted identifier in upper
 * case and a quoted one exactly as written; specs usually write lower case for tables created
 * unquoted. Schemas and tables are therefore looked up in the catalog under every spelling a spec
 * may mean and matched there (see {@link MetadataQuery}); a database cannot be looked up that way,
 * because INFORMATION_SCHEMA lives inside it, so its name is folded as Snowflake folds it in SQL.
 */
final class SnowflakeNames {

  private static final Pattern UNQUOTED_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  private SnowflakeNames() {}

  /**
   * The database a name means when written unquoted: a plain identifier in upper case, anything
   * else (a name only quoting allows) exactly as written.
   */
  static String database(String name) {
    return UNQUOTED_IDENTIFIER.matcher(name).matches() ? name.toUpperCase(Locale.ROOT) : name;
  }

  /** The spellings a schema or table name may have in the catalog: as written, upper case, lower case. */
  static List<String> spellings(String name) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    all.add(name);
    all.add(name.toUpperCase(Locale.ROOT));
    all.add(name.toLowerCase(Locale.ROOT));
    return List.copyOf(all);
  }
}
