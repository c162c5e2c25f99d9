package io.meshwatch.activities.warehouse;

import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads SQL that meshwatch rendered itself: a {@code ?} outside string literals, quoted identifiers
 * and comments is a positional parameter, and the text is passed on exactly as written.
 *
 * <p>JDBI's default parser treats a backslash as an escape, inside literals and out: to it a
 * rendered {@code ESCAPE '\\'} does not end where SQL ends it, so it drops a backslash from a later
 * literal ({@code 'a\\b'} reached the engine as {@code 'a\b'}) or takes the scan's bound cutoff for
 * text inside a literal. Every engine meshwatch renders for ends a literal at a quote that is not
 * doubled, because the renderer doubles quotes and writes no backslash before a quote alone.
 */
public final class RenderedSqlParser implements SqlParser {

  @Override
  public ParsedSql parse(String sql, StatementContext context) {
    ParsedSql.Builder parsed = ParsedSql.builder();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"') {
        end = closingQuote(sql, i, c);
      } else if (sql.startsWith("/*", i)) {
        end = sql.indexOf("*/", i + 2) < 0 ? sql.length() : sql.indexOf("*/", i + 2) + 2;
      } else if (sql.startsWith("--", i)) {
        end = sql.indexOf('\n', i) < 0 ? sql.length() : sql.indexOf('\n', i);
      } else if (c == '?') {
        parsed.append(text.toString());
        text.setLength(0);
        parsed.appendPositionalParameter();
        i++;
        continue;
      } else {
        end = i + 1;
      }
      text.append(sql, i, end);
      i = end;
    }
    return parsed.append(text.toString()).build();
  }

  @Override
  public String nameParameter(String rawName, StatementContext context) {
    throw new UnsupportedOperationException("rendered SQL binds positional parameters only");
  }

  /** The index just past the quote that closes the literal or identifier opened at {@code start}. */
  private static int closingQuote(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("rendered SQL has an unterminated " + (quote == '"' ? "identifier" : "literal"));
  }
}
