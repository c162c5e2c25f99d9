package io.meshwatch.activities.expr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.OldOracleJoinBinaryExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Translates the SQL parser's tree into meshwatch's {@link Expr}, refusing every node outside the
 * allow-list. Problems are collected, not thrown, so a spec author sees all of them at once; a
 * refused node yields null and its parent gives up quietly.
 */
final class JsqlTranslator {

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /**
   * What a quoted column name never needs. Rendering re-quotes it safely, but a name carrying a
   * statement separator, a comment opener, a backtick or a control character is an attempt, not a
   * column, and a reader of the spec should not have to trust the renderer to see that. Quotes stay
   * allowed: real tables have columns such as {@code "we""ird Col"} or {@code "customer's id"}.
   */
  private static final Pattern UNSAFE_QUOTED_NAME = Pattern.compile("[;`\\p{Cntrl}]|--|/\\*");
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd HH:mm")
      .optionalStart().appendPattern(":ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .optionalEnd()
      .toFormatter(Locale.ROOT);

  private final Set<String> problems = new LinkedHashSet<>();

  List<String> problems() {
    return new ArrayList<>(problems);
  }

  Expr translate(Expression node) {
    if (node instanceof ParenthesedExpressionList<?> list) {
      if (list.size() == 1) {
        return translate(list.get(0));
      }
      return refuse("row values such as (a, b) are not allowed");
    }
    if (node instanceof Column column) {
      return column(column);
    }
    if (node instanceof LongValue || node instanceof DoubleValue) {
      return new Expr.NumberLiteral(new BigDecimal(node.toString()));
    }
    if (node instanceof StringValue s) {
      return string(s);
    }
    if (node instanceof BooleanValue b) {
      return new Expr.BooleanLiteral(b.getValue());
    }
    if (node instanceof NullValue) {
      return new Expr.NullLiteral();
    }
    if (node instanceof CastExpression cast) {
      return typedLiteral(cast);
    }
    if (isLogical(node)) {
      return logical(node);
    }
    if (node instanceof OldOracleJoinBinaryExpression binary && isComparison(binary)) {
      return comparison(binary);
    }
    if (node instanceof Addition a) {
      return arithmetic(ArithmeticOperator.ADD, a.getLeftExpression(), a.getRightExpression());
    }
    if (node instanceof Subtraction s) {
      return arithmetic(ArithmeticOperator.SUBTRACT, s.getLeftExpression(), s.getRightExpression());
    }
    if (node instanceof Multiplication m) {
      return arithmetic(ArithmeticOperator.MULTIPLY, m.getLeftExpression(), m.getRightExpression());
    }
    if (node instanceof Division d) {
      return arithmetic(ArithmeticOperator.DIVIDE, d.getLeftExpression(), d.getRightExpression());
    }
    if (node instanceof Modulo m) {
      return arithmetic(ArithmeticOperator.MODULO, m.getLeftExpression(), m.getRightExpression());
    }
    if (node instanceof SignedExpression signed) {
      return signed(signed);
    }
    if (node instanceof IsNullExpression isNull) {
      Expr operand = translate(isNull.getLeftExpression());
      return operand == null ? null : new Expr.IsNull(operand, isNull.isNot() || isNull.isUseNotNull());
    }
    if (node instanceof Between between) {
      Expr operand = translate(between.getLeftExpression());
      Expr low = translate(between.getBetweenExpressionStart());
      Expr high = translate(between.getBetweenExpressionEnd());
      return operand == null || low == null || high == null
          ? null
          : new Expr.Between(operand, low, high, between.isNot());
    }
    if (node instanceof InExpression in) {
      return in(in);
    }
    if (node instanceof LikeExpression like) {
      return like(like);
    }
    if (node instanceof CaseExpression caseExpression) {
      return caseOf(caseExpression);
    }
    if (node instanceof TrimFunction trim) {
      return trim(trim);
    }
    if (node instanceof Function function) {
      return function(function);
    }
    return refuse(describeRefused(node));
  }

  private enum Connective { AND, OR }

  /** An operand of a chain of AND and OR, under {@code negations} NOTs. */
  private record Operand(Expression node, int negations) {}

  private static boolean isLogical(Expression node) {
    return node instanceof AndExpression || node instanceof OrExpression || node instanceof NotExpression
        || (node instanceof InExpression in && swallowedRest(in));
  }

  /**
   * JSqlParser 5.3 parses {@code x IN (1) AND y = 2 OR z = 3} as {@code x IN ((1) AND y = 2 OR z = 3)}
   * (its issues 2244 and 2360), so its tree of AND, OR, NOT and IN cannot be trusted. Their operands
   * still come in source order, so the chain is read back as the sequence the text spells and
   * rebuilt with SQL's precedence: IN over NOT over AND over OR, each left-associative.
   */
  private static boolean swallowedRest(InExpression in) {
    return in.getRightExpression() instanceof AndExpression || in.getRightExpression() instanceof OrExpression;
  }

  /** The chain as [operand, connective, operand, ...], in source order. */
  private static void flatten(Expression node, List<Object> out) {
    if (node instanceof AndExpression and) {
      flatten(and.getLeftExpression(), out);
      out.add(Connective.AND);
      flatten(and.getRightExpression(), out);
    } else if (node instanceof OrExpression or) {
      flatten(or.getLeftExpression(), out);
      out.add(Connective.OR);
      flatten(or.getRightExpression(), out);
    } else if (node instanceof NotExpression not) {
      // NOT binds tighter than AND and OR: it negates the first operand that follows it.
      int first = out.size();
      flatten(not.getExpression(), out);
      Operand operand = (Operand) out.get(first);
      out.set(first, new Operand(operand.node(), operand.negations() + 1));
    } else if (node instanceof InExpression in && swallowedRest(in)) {
      // The IN list is the first operand of what the parser put on its right.
      int first = out.size();
      flatten(in.getRightExpression(), out);
      Operand list = (Operand) out.get(first);
      out.set(first, new Operand(new InExpression(in.getLeftExpression(), list.node()).withNot(in.isNot()),
          list.negations()));
    } else {
      out.add(new Operand(node, 0));
    }
  }

  private Expr logical(Expression node) {
    List<Object> chain = new ArrayList<>();
    flatten(node, chain);
    Expr disjunction = null;
    Expr conjunction = null;
    boolean complete = true;
    for (int i = 0; i < chain.size(); i += 2) {
      Operand operand = (Operand) chain.get(i);
      Expr value = translate(operand.node());
      if (value == null) {
        complete = false;
        continue;
      }
      for (int n = 0; n < operand.negations(); n++) {
        value = new Expr.Not(value);
      }
      if (i == 0 || chain.get(i - 1) == Connective.OR) {
        disjunction = conjunction == null ? null : (disjunction == null ? conjunction : new Expr.Or(disjunction, conjunction));
        conjunction = value;
      } else {
        conjunction = conjunction == null ? value : new Expr.And(conjunction, value);
      }
    }
    if (!complete) {
      return null;
    }
    return disjunction == null ? conjunction : new Expr.Or(disjunction, conjunction);
  }

  private Expr column(Column column) {
    if (column.getTable() != null && column.getTable().getFullyQualifiedName() != null
        && !column.getTable().getFullyQualifiedName().isEmpty()) {
      return refuse("qualified names such as " + column.getFullyQualifiedName()
          + " are not allowed; use the column name alone");
    }
    String name = column.getColumnName();
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      String unquoted = name.substring(1, name.length() - 1).replace("\"\"", "\"");
      if (unquoted.isEmpty()) {
        return refuse("an empty quoted name is not a column");
      }
      if (UNSAFE_QUOTED_NAME.matcher(unquoted).find()) {
        return refuse("a quoted name must not contain ';', '--', '/*', '`' or control characters");
      }
      return new Expr.ColumnRef(unquoted);
    }
    if (!PLAIN_NAME.matcher(name).matches()) {
      return refuse("'" + name + "' is not a plain column name; quote unusual names with double quotes");
    }
    return new Expr.ColumnRef(name);
  }

  private Expr string(StringValue s) {
    if (s.getPrefix() != null && !s.getPrefix().isEmpty()) {
      return refuse("string prefixes such as " + s.getPrefix() + "'...' are not allowed; write a plain '...' string");
    }
    return new Expr.StringLiteral(s.getValue().replace("''", "'"));
  }

  private Expr typedLiteral(CastExpression cast) {
    boolean literalForm = cast.isImplicitCast() && cast.getLeftExpression() instanceof StringValue;
    if (!literalForm) {
      return refuse("casts are not allowed");
    }
    StringValue text = (StringValue) cast.getLeftExpression();
    String type = cast.getColDataType().getDataType().toLowerCase(Locale.ROOT);
    String value = text.getValue();
    try {
      return switch (type) {
        case "date" -> new Expr.DateLiteral(LocalDate.parse(value));
        case "timestamp" -> new Expr.TimestampLiteral(LocalDateTime.parse(value, TIMESTAMP));
        default -> refuse("typed literals other than DATE '...' and TIMESTAMP '...' are not allowed");
      };
    } catch (DateTimeParseException e) {
      return refuse(type.toUpperCase(Locale.ROOT) + " '" + value + "' is not a valid "
          + (type.equals("date") ? "date (write yyyy-mm-dd)" : "timestamp (write yyyy-mm-dd hh:mm:ss, without a zone)"));
    }
  }

  private static boolean isComparison(OldOracleJoinBinaryExpression binary) {
    return binary instanceof EqualsTo || binary instanceof NotEqualsTo || binary instanceof GreaterThan
        || binary instanceof GreaterThanEquals || binary instanceof MinorThan || binary instanceof MinorThanEquals;
  }

  private Expr comparison(OldOracleJoinBinaryExpression binary) {
    if (binary.getOldOracleJoinSyntax() != 0 || binary.getOraclePriorPosition() != 0) {
      return refuse("Oracle join and PRIOR syntax is not allowed");
    }
    ComparisonOperator operator = switch (binary) {
      case EqualsTo e -> ComparisonOperator.EQUAL;
      case NotEqualsTo n -> ComparisonOperator.NOT_EQUAL;
      case GreaterThan g -> ComparisonOperator.GREATER;
      case GreaterThanEquals g -> ComparisonOperator.GREATER_OR_EQUAL;
      case MinorThan m -> ComparisonOperator.LESS;
      case MinorThanEquals m -> ComparisonOperator.LESS_OR_EQUAL;
      default -> throw new IllegalStateException("not a comparison: " + binary.getClass().getSimpleName());
    };
    Expr left = translate(binary.getLeftExpression());
    Expr right = translate(binary.getRightExpression());
    return left == null || right == null ? null : new Expr.Comparison(operator, left, right);
  }

  private Expr arithmetic(ArithmeticOperator operator, Expression leftNode, Expression rightNode) {
    Expr left = translate(leftNode);
    Expr right = translate(rightNode);
    return left == null || right == null ? null : new Expr.Arithmetic(operator, left, right);
  }

  private Expr signed(SignedExpression signed) {
    Expr operand = translate(signed.getExpression());
    if (operand == null) {
      return null;
    }
    return switch (signed.getSign()) {
      case '+' -> operand;
      case '-' -> operand instanceof Expr.NumberLiteral n
          ? new Expr.NumberLiteral(n.value().negate())
          : new Expr.Negate(operand);
      default -> refuse("the operator " + signed.getSign() + " is not allowed");
    };
  }

  private Expr in(InExpression in) {
    if (in.isGlobal() || in.getOldOracleJoinSyntax() != 0) {
      return refuse("GLOBAL IN and Oracle join syntax are not allowed");
    }
    Expression right = in.getRightExpression();
    if (right instanceof ParenthesedSelect || right instanceof Select) {
      return refuse("subqueries are not allowed");
    }
    if (!(right instanceof ParenthesedExpressionList<?> list)) {
      return refuse("IN takes a parenthesised list of constants, such as status IN ('open', 'closed')");
    }
    if (list.isEmpty()) {
      return refuse("IN () needs at least one value");
    }
    Expr operand = translate(in.getLeftExpression());
    List<Expr.Literal> values = new ArrayList<>();
    boolean complete = true;
    for (Expression item : list) {
      Expr value = translate(item);
      if (value instanceof Expr.Literal literal) {
        values.add(literal);
      } else {
        complete = false;
        if (value != null) {
          problems.add("IN lists may hold only constants, not " + ExpressionPrinter.print(value));
        }
      }
    }
    return operand == null || !complete ? null : new Expr.In(operand, values, in.isNot());
  }

  private Expr like(LikeExpression like) {
    if (like.getEscape() != null) {
      return refuse("LIKE ... ESCAPE is not allowed; backslash already escapes % and _");
    }
    if (like.isUseBinary()) {
      return refuse("LIKE BINARY is not allowed");
    }
    LikeExpression.KeyWord keyWord = like.getLikeKeyWord();
    if (keyWord != LikeExpression.KeyWord.LIKE && keyWord != LikeExpression.KeyWord.ILIKE) {
      return refuse(keyWord.name().replace('_', ' ') + " is not allowed; use LIKE or ILIKE");
    }
    boolean caseInsensitive = keyWord == LikeExpression.KeyWord.ILIKE;
    Expr operand = translate(like.getLeftExpression());
    Expr pattern = translate(like.getRightExpression());
    if (pattern != null && !(pattern instanceof Expr.StringLiteral)) {
      return refuse("the pattern of LIKE must be a string literal such as 'ord-%'");
    }
    return operand == null || pattern == null
        ? null
        : new Expr.Like(operand, (Expr.StringLiteral) pattern, like.isNot(), caseInsensitive);
  }

  private Expr caseOf(CaseExpression caseExpression) {
    if (caseExpression.isUsingBrackets()) {
      return refuse("bracketed CASE is not allowed");
    }
    Expr subject = caseExpression.getSwitchExpression() == null ? null : translate(caseExpression.getSwitchExpression());
    boolean complete = caseExpression.getSwitchExpression() == null || subject != null;
    List<Expr.WhenThen> branches = new ArrayList<>();
    for (WhenClause when : caseExpression.getWhenClauses()) {
      Expr condition = translate(when.getWhenExpression());
      Expr result = translate(when.getThenExpression());
      if (condition == null || result == null || !complete) {
        complete = false;
        continue;
      }
      Expr test = subject == null ? condition : new Expr.Comparison(ComparisonOperator.EQUAL, subject, condition);
      branches.add(new Expr.WhenThen(test, result));
    }
    Expr otherwise = null;
    if (caseExpression.getElseExpression() != null) {
      otherwise = translate(caseExpression.getElseExpression());
      complete &= otherwise != null;
    }
    return complete ? new Expr.Case(branches, otherwise) : null;
  }

  private Expr trim(TrimFunction trim) {
    if (trim.getTrimSpecification() != null || trim.getFromExpression() != null || trim.isUsingFromKeyword()) {
      return refuse("only the plain form trim(x) is allowed");
    }
    Expr operand = translate(trim.getExpression());
    return operand == null ? null : new Expr.RowCall(RowFunction.TRIM, List.of(operand));
  }

  private Expr function(Function function) {
    if (function.getMultipartName().size() > 1) {
      return refuse("qualified function names such as " + function.getName() + " are not allowed");
    }
    String name = function.getName();
    var aggregate = AggregateFunction.named(name);
    var row = RowFunction.named(name);
    if (aggregate.isEmpty() && row.isEmpty()) {
      return refuse("function " + name + " is not allowed; allowed: " + RowFunction.allowList()
          + "; aggregates: " + AggregateFunction.allowList());
    }
    if (usesExtraClauses(function)) {
      return refuse("the call " + function + " uses a clause that is not allowed; write " + name.toLowerCase(Locale.ROOT)
          + "(arguments)");
    }
    ExpressionList<?> parameters = function.getParameters();
    List<Expression> arguments = parameters == null ? List.of() : new ArrayList<>(parameters);
    if (aggregate.isPresent()) {
      return aggregate(aggregate.get(), function, arguments);
    }
    if (function.isDistinct()) {
      return refuse("DISTINCT is allowed only in count(DISTINCT x)");
    }
    RowFunction rowFunction = row.get();
    if (!rowFunction.accepts(arguments.size())) {
      return refuse(rowFunction.sqlName() + " " + rowFunction.arityText() + ", got " + arguments.size());
    }
    List<Expr> translated = new ArrayList<>();
    boolean complete = true;
    for (Expression argument : arguments) {
      Expr value = translate(argument);
      complete &= value != null;
      translated.add(value);
    }
    return complete ? new Expr.RowCall(rowFunction, translated) : null;
  }

  private Expr aggregate(AggregateFunction aggregate, Function function, List<Expression> arguments) {
    String name = aggregate.sqlName();
    if (arguments.size() == 1 && arguments.get(0) instanceof AllColumns star && star.getClass() == AllColumns.class) {
      if (aggregate != AggregateFunction.COUNT || function.isDistinct() || !"*".equals(star.toString())) {
        return refuse("* is allowed only in count(*)");
      }
      return new Expr.AggregateCall(AggregateFunction.COUNT, null, false);
    }
    if (arguments.size() != 1) {
      return refuse(name + " takes 1 argument, got " + arguments.size());
    }
    if (function.isDistinct() && aggregate != AggregateFunction.COUNT) {
      return refuse("DISTINCT is allowed only in count(DISTINCT x)");
    }
    Expr argument = translate(arguments.get(0));
    return argument == null ? null : new Expr.AggregateCall(aggregate, argument, function.isDistinct());
  }

  /**
   * The parser models many vendor clauses on a call (KEEP, IGNORE NULLS, ORDER BY, named
   * arguments...); besides checking the known ones, a call must print back as plain
   * {@code name(args)}, so a clause added in a later parser version is refused too.
   */
  private static boolean usesExtraClauses(Function function) {
    if (function.getKeep() != null || function.getNullHandling() != null || function.isIgnoreNullsOutside()
        || function.getLimit() != null || function.getHavingClause() != null
        || (function.getOrderByElements() != null && !function.getOrderByElements().isEmpty())
        || function.getNamedParameters() != null || function.isEscaped() || function.getAttribute() != null
        || function.getExtraKeyword() != null
        || function.getOnOverflowTruncate() != null || function.isUnique()) {
      return true;
    }
    StringBuilder plain = new StringBuilder(function.getName()).append('(');
    if (function.isDistinct()) {
      plain.append("DISTINCT ");
    }
    if (function.getParameters() != null) {
      List<String> parts = new ArrayList<>();
      function.getParameters().forEach(p -> parts.add(p.toString()));
      plain.append(String.join(", ", parts));
    }
    plain.append(')');
    return !plain.toString().equals(function.toString());
  }

  private Expr refuse(String problem) {
    problems.add(problem);
    return null;
  }

  private static String describeRefused(Expression node) {
    return switch (node) {
      case ParenthesedSelect s -> "subqueries are not allowed";
      case Select s -> "subqueries are not allowed";
      case ExistsExpression e -> "subqueries (EXISTS) are not allowed";
      case AnalyticExpression a -> "window functions and FILTER clauses are not allowed";
      case AllColumns a -> "* is allowed only in count(*)";
      case JdbcParameter p -> "parameters are not allowed";
      case JdbcNamedParameter p -> "parameters are not allowed";
      case Concat c -> "the || operator is not allowed";
      case IntervalExpression i -> "intervals are not allowed";
      case TimeKeyExpression t -> t + " is not allowed: a check must not depend on when it runs";
      default -> {
        String text = node.toString();
        String shortText = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        String kind = node.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        yield "this construct is not allowed: " + shortText + " (" + kind + ")";
      }
    };
  }
}
