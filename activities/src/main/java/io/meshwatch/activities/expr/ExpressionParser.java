package io.meshwatch.activities.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * Parses a custom check expression (DESIGN §5) with a real SQL parser into meshwatch's own
 * {@link Expr}, and refuses everything outside the allow-list: comparisons, AND/OR/NOT, arithmetic,
 * IS [NOT] NULL, BETWEEN, IN (constants), LIKE/ILIKE, CASE, literals, plain column names and the
 * functions of {@link RowFunction} and {@link AggregateFunction}. Stateless and thread-safe.
 */
public final class ExpressionParser implements ExpressionValidator {

  @Override
  public List<String> problems(String expression) {
    return switch (parse(expression)) {
      case ParseResult.Accepted accepted -> List.of();
      case ParseResult.Refused refused -> refused.problems();
    };
  }

  public ParseResult parse(String text) {
    List<String> textProblems = ExpressionText.problems(text);
    if (!textProblems.isEmpty()) {
      return new ParseResult.Refused(textProblems);
    }
    Expression parsed;
    try {
      parsed = CCJSqlParserUtil.parseCondExpression(text, false);
    } catch (JSQLParserException | RuntimeException e) {
      String statement = ExpressionText.statementProblem(text);
      return new ParseResult.Refused(List.of(statement != null ? statement : syntaxProblem(e)));
    }
    JsqlTranslator translator = new JsqlTranslator();
    Expr root = translator.translate(parsed);
    if (root == null) {
      return new ParseResult.Refused(translator.problems());
    }
    Set<String> problems = new LinkedHashSet<>(translator.problems());
    Shape shape = Shape.of(root);
    problems.addAll(shape.problems());
    problems.addAll(ExpressionTyping.problems(root, column -> ValueType.UNKNOWN));
    if (!problems.isEmpty()) {
      return new ParseResult.Refused(new ArrayList<>(problems));
    }
    return new ParseResult.Accepted(new CustomExpression(text, root, shape.kind(), shape.columns()));
  }

  /** Parses text already accepted (at registration): refusal here is a bug in the caller. */
  public CustomExpression parseAccepted(String text) {
    return switch (parse(text)) {
      case ParseResult.Accepted accepted -> accepted.expression();
      case ParseResult.Refused refused -> throw new IllegalArgumentException(String.join("; ", refused.problems()));
    };
  }

  private static String syntaxProblem(Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage().strip();
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline).strip();
    if (first.length() > 160) {
      first = first.substring(0, 157) + "...";
    }
    return first.isEmpty()
        ? "not a valid SQL expression"
        : "not a valid SQL expression (" + first + ")";
  }
}
