package io.meshwatch.activities.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.junit.jupiter.api.Test;

class RenderedSqlParserTest {

  private final RenderedSqlParser parser = new RenderedSqlParser();

  /** As the Snowflake dialect renders a LIKE check, another literal and the scope cutoff. */
  private static final String SNOWFLAKE = "SELECT COUNT_IF(NOT (\"ID\" LIKE 'test\\\\_%' ESCAPE '\\\\')"
      + " AND (\"ID\" <> 'it''s a\\\\b')) AS m1 FROM \"T\" WHERE \"DAY\" >= TO_DATE(?, 'YYYY-MM-DD')";

  @Test
  void passesRenderedSqlOnUnchangedWithItsPositionalParameters() {
    ParsedSql parsed = parser.parse(SNOWFLAKE, null);

    assertThat(parsed.getSql()).isEqualTo(SNOWFLAKE);
    assertThat(parsed.getParameters().isPositional()).isTrue();
    assertThat(parsed.getParameters().getParameterCount()).isEqualTo(1);
  }

  @Test
  void jdbisDefaultParserWouldChangeTheSameStatement() {
    ParsedSql parsed = new ColonPrefixSqlParser().parse(SNOWFLAKE, null);

    assertThat(parsed.getSql()).isNotEqualTo(SNOWFLAKE);
    assertThat(parsed.getParameters().getParameterCount()).isZero();
  }

  @Test
  void aQuestionMarkInsideALiteralAnIdentifierOrACommentIsText() {
    String sql = "/* why? */ SELECT \"a?\"\"b\" FROM t WHERE x = 'is it?' AND y = ? -- or ?\n AND z = ?";

    ParsedSql parsed = parser.parse(sql, null);

    assertThat(parsed.getSql()).isEqualTo(sql);
    assertThat(parsed.getParameters().getParameterCount()).isEqualTo(2);
  }

  @Test
  void refusesAnUnterminatedLiteral() {
    assertThatThrownBy(() -> parser.parse("SELECT 'open", null)).isInstanceOf(IllegalArgumentException.class);
  }
}
