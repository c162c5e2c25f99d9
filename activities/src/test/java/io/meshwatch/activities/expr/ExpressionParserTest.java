package io.meshwatch.activities.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionParserTest {

  private final ExpressionParser parser = new ExpressionParser();

  private CustomExpression accepted(String text) {
    ParseResult result = parser.parse(text);
    assertThat(result).as(text).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted) result).expression();
  }

  private List<String> refused(String text) {
    ParseResult result = parser.parse(text);
    assertThat(result).as(text).isInstanceOf(ParseResult.Refused.class);
    return ((ParseResult.Refused) result).problems();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "order_count > 0",
      "revenue_usd >= 0",
      "a <> 1 AND b != 2 OR NOT c = 3",
      "(a + b) * c / 2 - d % 3 > -1",
      "status IN ('open', 'closed')",
      "status NOT IN (1, 2, NULL)",
      "amount BETWEEN 0 AND 1e6",
      "email LIKE '%@%' AND name NOT ILIKE 'test%'",
      "comment IS NULL OR length(trim(comment)) > 0",
      "abs(delta) <= 0.5 AND round(price, 2) = price AND floor(x) <= ceil(x) AND ceiling(x) >= x",
      "lower(country) = upper(country) OR coalesce(region, 'none') <> nullif(zone, '')",
      "least(a, b, c) >= 0 AND greatest(a, b) < 100",
      "CASE WHEN kind = 'refund' THEN amount < 0 ELSE amount >= 0 END",
      "CASE kind WHEN 'a' THEN 1 WHEN 'b' THEN 2 ELSE 3 END > 0",
      "shipped_on >= DATE '2020-01-01' AND created_at < TIMESTAMP '2100-01-01 00:00:00'",
      "\"Order Total\" >= 0",
      "is_active",
      "is_active = true OR is_deleted = FALSE",
      "start < finish",
      "count(*) > 0",
      "count(DISTINCT customer_id) = count(customer_id)",
      "sum(revenue_usd) >= 0 AND avg(qty) < 1000 AND min(qty) >= 0 AND max(qty) < 10000",
      "abs(sum(a) - sum(b)) < 0.01",
      "sum(abs(a)) > 0",
      "COUNT(*) > 0",
  })
  void acceptsAllowListedExpressions(String text) {
    assertThat(parser.problems(text)).as(text).isEmpty();
  }

  @Test
  void acceptsTheSeedSpecChecks() {
    assertThat(parser.problems("order_count > 0")).isEmpty();
    assertThat(parser.problems("revenue_usd >= 0")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
      "1=1; drop table x                          => several statements are not allowed",
      "a > 1; select 1                            => several statements are not allowed",
      "select 1                                   => this is a SQL statement (SELECT)",
      "select * from orders                       => this is a SQL statement (SELECT)",
      "drop table x                               => this is a SQL statement (DROP)",
      "delete from orders where 1 = 1             => this is a SQL statement (DELETE)",
      "insert into t values (1)                   => this is a SQL statement (INSERT)",
      "x in (select id from other)                => subqueries are not allowed",
      "exists (select 1)                          => subqueries (EXISTS) are not allowed",
      "a > all (select 1)                         => this construct is not allowed",
      "pg_sleep(1) is null                        => function pg_sleep is not allowed; allowed: abs, round",
      "pg_sleep(10)                               => function pg_sleep is not allowed",
      "a > 1 -- trailing comment                  => comments are not allowed",
      "a /* hidden */ > 1                         => comments are not allowed",
      "a > 1 # mysql comment                      => comments are not allowed",
      "t.a > 1                                    => qualified names such as t.a are not allowed",
      "s.t.a > 1                                  => qualified names such as s.t.a are not allowed",
      "public.myfn(a) > 1                         => qualified function names such as public.myfn are not allowed",
      "* = 1                                      => * is allowed only in count(*)",
      "sum(*) > 1                                 => * is allowed only in count(*)",
      "a > ?                                      => parameters (?) are not allowed",
      "a > :limit                                 => named parameters (:name) are not allowed",
      "a > $1                                     => parameters and dollar-quoted strings ($) are not allowed",
      "a = $$x$$                                  => parameters and dollar-quoted strings ($) are not allowed",
      "a::int > 1                                 => casts (::) are not allowed",
      "cast(a as int) > 1                         => casts are not allowed",
      "sum(a) > 0 and b > 1                       => mixes aggregates with bare columns (b)",
      "count(*) > a                               => mixes aggregates with bare columns (a)",
      "sum(count(a)) > 1                          => aggregates cannot be nested",
      "sum(a) over () > 1                         => window functions and FILTER clauses are not allowed",
      "sum(a) filter (where b > 1) > 0            => window functions and FILTER clauses are not allowed",
      "sum(distinct a) > 1                        => DISTINCT is allowed only in count(DISTINCT x)",
      "a || b = 'x'                               => the || operator is not allowed",
      "a && b                                     => the && operator is not allowed; write AND",
      "a & 1 = 1                                  => bitwise operators are not allowed",
      "!a                                         => the ! operator is not allowed; write NOT",
      "a ~ 'x'                                    => the ~ operator is not allowed",
      "current_date > d                           => is not allowed: a check must not depend on when it runs",
      "interval '1 day' > a                       => intervals are not allowed",
      "round(a, 2, 3) > 1                         => round takes 1 or 2 arguments, got 3",
      "abs(a, b) > 1                              => abs takes 1 argument, got 2",
      "count(a, b) > 1                            => count takes 1 argument, got 2",
      "a = E'x'                                   => string prefixes such as E'...' are not allowed",
      "`a` > 1                                    => backtick-quoted names are not allowed",
      "a like 'x' escape '!'                      => LIKE ... ESCAPE is not allowed",
      "a similar to 'x'                           => SIMILAR TO is not allowed; use LIKE or ILIKE",
      "a like b                                   => the pattern of LIKE must be a string literal",
      "a in (b, c)                                => IN lists may hold only constants",
      "(a, b) = (1, 2)                            => row values such as (a, b) are not allowed",
      "a + 1                                      => the expression must be a condition",
      "length(5) > 1                              => length needs text, but 5 is a number",
      "'a' + 1 > 0                                => the + operator needs a number, but 'a' is text",
      "'a' > 1                                    => cannot compare 'a' (text) with 1 (a number)",
      "d > DATE '2024-02-30'                      => DATE '2024-02-30' is not a valid date",
      "DATE '2024-01-01' > '2023-01-01'           => write a date as DATE '2024-01-31'",
      "round(a, b) > 1                            => the second argument of round must be a whole number",
      "1 > 0                                      => the expression reads no column",
      "a >                                        => not a valid SQL expression",
      "'unterminated > a                          => a string literal is not closed",
      "a > 0x1F                                   => this construct is not allowed",
  })
  void refusesWithASentenceNamingTheProblem(String text, String expected) {
    assertThat(refused(text)).as(text).anySatisfy(problem -> assertThat(problem).contains(expected.strip()));
  }

  @Test
  void refusesOverLongText() {
    String text = "a > 0" + " OR a > 0".repeat(600);
    assertThat(refused(text)).singleElement().asString().contains("the limit is 4096 bytes");
  }

  @Test
  void refusesDeepNesting() {
    String text = "(".repeat(20) + "a > 1" + ")".repeat(20);
    assertThat(refused(text)).singleElement().asString().contains("nested 20 deep; the limit is 16");
  }

  @Test
  void refusesEmptyText() {
    assertThat(refused("  ")).containsExactly("the expression is empty");
    assertThat(parser.problems(null)).containsExactly("the expression is empty");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    List<String> problems = refused("pg_sleep(1) > 0 and t.a > 1 and dblink(x) = 1");
    assertThat(problems).hasSize(3);
  }

  @Test
  void ignoresForbiddenCharactersInsideStringLiteralsAndQuotedNames() {
    CustomExpression e = accepted("note <> '-- not a comment; /* nor this */ ?' AND \"weird name?\" = 'it''s'");
    assertThat(e.columns()).containsExactly("note", "weird name?");
    Expr.And and = (Expr.And) e.root();
    Expr.Comparison second = (Expr.Comparison) and.right();
    assertThat(second.right()).isEqualTo(new Expr.StringLiteral("it's"));
  }

  @Test
  void refusesQuotedNamesCarryingStatementsOrCommentsButNotQuotes() {
    // Rendering would re-quote them safely; such a name is still an attempt, not a column.
    for (String text : List.of("\"a\"\"; drop table x; --\" > 0", "\"a;b\" > 0", "\"a--\" > 0", "\"a/*\" > 0", "\"a`b\" > 0")) {
      assertThat(refused(text)).as(text).anySatisfy(problem -> assertThat(problem).contains("a quoted name must not contain"));
    }
    // Quotes inside a quoted name are a real column's name (the warehouse contract tests read one).
    assertThat(accepted("\"we\"\"ird Col\" <> 'x' AND \"customer's id\" > 0").columns()).containsExactly("we\"ird Col", "customer's id");
  }

  @Test
  void classifiesRowPredicates() {
    CustomExpression e = accepted("revenue_usd >= 0 AND abs(discount) < revenue_usd");
    assertThat(e.kind()).isEqualTo(ExpressionKind.ROW_PREDICATE);
    assertThat(e.columns()).containsExactly("revenue_usd", "discount");
  }

  @Test
  void classifiesAggregatePredicates() {
    CustomExpression countRows = accepted("count(*) > 0");
    assertThat(countRows.kind()).isEqualTo(ExpressionKind.AGGREGATE_PREDICATE);
    assertThat(countRows.columns()).isEmpty();

    CustomExpression distinct = accepted("count(distinct customer_id) * 2 >= sum(order_count)");
    assertThat(distinct.kind()).isEqualTo(ExpressionKind.AGGREGATE_PREDICATE);
    assertThat(distinct.columns()).containsExactly("customer_id", "order_count");
    Expr.Comparison comparison = (Expr.Comparison) distinct.root();
    Expr.Arithmetic left = (Expr.Arithmetic) comparison.left();
    assertThat(left.left()).isEqualTo(new Expr.AggregateCall(AggregateFunction.COUNT, new Expr.ColumnRef("customer_id"), true));
  }

  @Test
  void buildsMeshwatchsOwnTree() {
    CustomExpression e = accepted("-amount BETWEEN -10 AND 10 AND day >= DATE '2024-01-31' AND code NOT IN ('a', 'b')");
    assertThat(ExpressionPrinter.print(e.root())).isEqualTo(
        "((((-amount) BETWEEN -10 AND 10) AND (day >= DATE '2024-01-31')) AND (code NOT IN ('a', 'b')))");
    Expr.And outer = (Expr.And) e.root();
    Expr.And inner = (Expr.And) outer.left();
    Expr.Between between = (Expr.Between) inner.left();
    assertThat(between.low()).isEqualTo(new Expr.NumberLiteral(new BigDecimal("-10")));
    Expr.Comparison day = (Expr.Comparison) inner.right();
    assertThat(day.right()).isEqualTo(new Expr.DateLiteral(LocalDate.of(2024, 1, 31)));
  }

  @ParameterizedTest
  @CsvSource(delimiterString = "=>", value = {
      "status IN ('a', 'b') AND qty > 0 => ((status IN ('a', 'b')) AND (qty > 0))",
      "status NOT IN (1) OR qty > 0 AND qty < 9 => ((status NOT IN (1)) OR ((qty > 0) AND (qty < 9)))",
      "status IN (1) AND kind IN (2) AND qty > 0 => (((status IN (1)) AND (kind IN (2))) AND (qty > 0))",
      "qty > 0 AND status IN ('a') AND kind = 'k' => (((qty > 0) AND (status IN ('a'))) AND (kind = 'k'))",
      "qty = 1 AND status IN (1) OR kind = 2 => (((qty = 1) AND (status IN (1))) OR (kind = 2))",
      "status IN (1) AND kind IN (2) OR qty = 3 => (((status IN (1)) AND (kind IN (2))) OR (qty = 3))",
      "NOT status IN (1) AND qty = 2 => ((NOT (status IN (1))) AND (qty = 2))",
      "flag = TRUE AND other => ((flag = TRUE) AND other)",
      "a <> 1 AND b IN ('x') AND c LIKE 'y' OR d BETWEEN 1 AND 2 AND e IS NULL => ((((a <> 1) AND (b IN ('x'))) AND (c LIKE 'y')) OR ((d BETWEEN 1 AND 2) AND (e IS NULL)))",
      "a IN (1) AND (b = 1 OR c IN (2) AND d = 3) => ((a IN (1)) AND ((b = 1) OR ((c IN (2)) AND (d = 3))))",
      "qty = 1 OR NOT qty = 2 AND NOT (qty = 3 OR qty = 4) => ((qty = 1) OR ((NOT (qty = 2)) AND (NOT ((qty = 3) OR (qty = 4)))))",
      "CASE WHEN status IN (1) OR qty > 2 AND qty < 5 THEN 1 ELSE 0 END = 1 => (CASE WHEN ((status IN (1)) OR ((qty > 2) AND (qty < 5))) THEN 1 ELSE 0 END = 1)",
      "NOT (status IN ('a', 'b') OR qty IS NULL) => (NOT ((status IN ('a', 'b')) OR (qty IS NULL)))",
  })
  void bindsInTighterThanAndAndOr(String text, String tree) {
    assertThat(ExpressionPrinter.print(accepted(text).root())).isEqualTo(tree);
  }

  @Test
  void readsSimpleCaseAsSearchedCase() {
    CustomExpression e = accepted("CASE kind WHEN 'a' THEN 1 ELSE 0 END = 1");
    Expr.Case c = (Expr.Case) ((Expr.Comparison) e.root()).left();
    assertThat(c.branches()).containsExactly(new Expr.WhenThen(
        new Expr.Comparison(ComparisonOperator.EQUAL, new Expr.ColumnRef("kind"), new Expr.StringLiteral("a")),
        new Expr.NumberLiteral(BigDecimal.ONE)));
  }

  @Test
  void parseAcceptedThrowsForARefusedText() {
    assertThatThrownBy(() -> parser.parseAccepted("pg_sleep(1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pg_sleep");
  }

  @Test
  void typingWithColumnTypesCatchesMismatches() {
    CustomExpression e = accepted("name > 5 AND length(amount) > 1");
    List<String> problems = ExpressionTyping.problems(e.root(),
        column -> column.equals("name") ? ValueType.STRING : ValueType.NUMBER);
    assertThat(problems).containsExactly(
        "cannot compare name (text) with 5 (a number)",
        "length needs text, but amount is a number");
  }
}
