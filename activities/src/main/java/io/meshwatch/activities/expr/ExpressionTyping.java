package io.meshwatch.activities.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that an expression is well typed, so that a mistake in one custom check is reported on that
 * check instead of failing the one fused scan that measures every check. At registration column
 * types are unknown and only definite mistakes ({@code length(5)}, {@code 'a' + 1}) are refused; the
 * planner checks again with the table's column types.
 */
public final class ExpressionTyping {

  private final Function<String, ValueType> columnTypes;
  private final Set<String> problems = new LinkedHashSet<>();

  private ExpressionTyping(Function<String, ValueType> columnTypes) {
    this.columnTypes = columnTypes;
  }

  /** The typing problems of a predicate; {@code columnTypes} maps a column name to its type. */
  public static List<String> problems(Expr root, Function<String, ValueType> columnTypes) {
    ExpressionTyping typing = new ExpressionTyping(columnTypes);
    ValueType type = typing.typeOf(root);
    if (type != ValueType.BOOLEAN && type != ValueType.UNKNOWN) {
      typing.problems.add("the expression must be a condition that is true or false for the data, but it is "
          + type.description() + "; compare it with something, such as " + ExpressionPrinter.print(root) + " > 0");
    }
    return new ArrayList<>(typing.problems);
  }

  private ValueType typeOf(Expr expr) {
    return switch (expr) {
      case Expr.ColumnRef c -> columnTypes.apply(c.name());
      case Expr.NumberLiteral n -> ValueType.NUMBER;
      case Expr.StringLiteral s -> ValueType.STRING;
      case Expr.BooleanLiteral b -> ValueType.BOOLEAN;
      case Expr.NullLiteral n -> ValueType.UNKNOWN;
      case Expr.DateLiteral d -> ValueType.DATE;
      case Expr.TimestampLiteral t -> ValueType.TIMESTAMP;
      case Expr.Comparison c -> {
        comparable(c.left(), c.right());
        yield ValueType.BOOLEAN;
      }
      case Expr.And a -> {
        expect(a.left(), ValueType.BOOLEAN, "AND");
        expect(a.right(), ValueType.BOOLEAN, "AND");
        yield ValueType.BOOLEAN;
      }
      case Expr.Or o -> {
        expect(o.left(), ValueType.BOOLEAN, "OR");
        expect(o.right(), ValueType.BOOLEAN, "OR");
        yield ValueType.BOOLEAN;
      }
      case Expr.Not n -> {
        expect(n.operand(), ValueType.BOOLEAN, "NOT");
        yield ValueType.BOOLEAN;
      }
      case Expr.Arithmetic a -> {
        expect(a.left(), ValueType.NUMBER, "the " + a.operator().symbol() + " operator");
        expect(a.right(), ValueType.NUMBER, "the " + a.operator().symbol() + " operator");
        yield ValueType.NUMBER;
      }
      case Expr.Negate n -> {
        expect(n.operand(), ValueType.NUMBER, "unary minus");
        yield ValueType.NUMBER;
      }
      case Expr.IsNull i -> {
        typeOf(i.operand());
        yield ValueType.BOOLEAN;
      }
      case Expr.Between b -> {
        comparable(b.operand(), b.low());
        comparable(b.operand(), b.high());
        yield ValueType.BOOLEAN;
      }
      case Expr.In i -> {
        for (Expr.Literal value : i.values()) {
          comparable(i.operand(), value);
        }
        yield ValueType.BOOLEAN;
      }
      case Expr.Like l -> {
        expect(l.operand(), ValueType.STRING, l.caseInsensitive() ? "ILIKE" : "LIKE");
        yield ValueType.BOOLEAN;
      }
      case Expr.Case c -> {
        List<Expr> results = new ArrayList<>();
        for (Expr.WhenThen branch : c.branches()) {
          expect(branch.condition(), ValueType.BOOLEAN, "CASE WHEN");
          results.add(branch.result());
        }
        if (c.otherwise() != null) {
          results.add(c.otherwise());
        }
        yield unify(results, "the branches of CASE");
      }
      case Expr.RowCall r -> rowCall(r);
      case Expr.AggregateCall a -> aggregateCall(a);
    };
  }

  private ValueType rowCall(Expr.RowCall call) {
    String name = call.function().sqlName();
    List<Expr> args = call.arguments();
    return switch (call.function()) {
      case ABS, FLOOR, CEIL -> {
        expect(args.get(0), ValueType.NUMBER, name);
        yield ValueType.NUMBER;
      }
      case ROUND -> {
        expect(args.get(0), ValueType.NUMBER, name);
        if (args.size() == 2 && !isWholeNumberLiteral(args.get(1))) {
          problems.add("the second argument of round must be a whole number such as 2, got "
              + ExpressionPrinter.print(args.get(1)));
        }
        yield ValueType.NUMBER;
      }
      case LENGTH -> {
        expect(args.get(0), ValueType.STRING, name);
        yield ValueType.NUMBER;
      }
      case LOWER, UPPER, TRIM -> {
        expect(args.get(0), ValueType.STRING, name);
        yield ValueType.STRING;
      }
      case COALESCE, NULLIF, LEAST, GREATEST -> unify(args, "the arguments of " + name);
    };
  }

  private ValueType aggregateCall(Expr.AggregateCall call) {
    if (call.countsRows()) {
      return ValueType.NUMBER;
    }
    String name = call.function().sqlName();
    return switch (call.function()) {
      case COUNT -> {
        typeOf(call.argument());
        yield ValueType.NUMBER;
      }
      case SUM, AVG -> {
        expect(call.argument(), ValueType.NUMBER, name);
        yield ValueType.NUMBER;
      }
      case MIN, MAX -> typeOf(call.argument());
    };
  }

  private void expect(Expr operand, ValueType expected, String context) {
    ValueType actual = typeOf(operand);
    if (actual != ValueType.UNKNOWN && actual != expected) {
      problems.add(context + " needs " + expected.description() + ", but " + ExpressionPrinter.print(operand)
          + " is " + actual.description());
    }
  }

  private void comparable(Expr left, Expr right) {
    ValueType l = typeOf(left);
    ValueType r = typeOf(right);
    if (!compatible(l, r)) {
      String hint = (l.temporal() && r == ValueType.STRING) || (r.temporal() && l == ValueType.STRING)
          ? "; write a date as DATE '2024-01-31' or a timestamp as TIMESTAMP '2024-01-31 06:00:00'"
          : "";
      problems.add("cannot compare " + ExpressionPrinter.print(left) + " (" + l.description() + ") with "
          + ExpressionPrinter.print(right) + " (" + r.description() + ")" + hint);
    }
  }

  private ValueType unify(List<Expr> operands, String context) {
    ValueType result = ValueType.UNKNOWN;
    for (Expr operand : operands) {
      ValueType type = typeOf(operand);
      if (type == ValueType.UNKNOWN) {
        continue;
      }
      if (result == ValueType.UNKNOWN) {
        result = type;
      } else if (!compatible(result, type)) {
        problems.add(context + " mix " + result.description() + " and " + type.description());
      } else if (type == ValueType.TIMESTAMP) {
        result = ValueType.TIMESTAMP;
      }
    }
    return result;
  }

  private static boolean compatible(ValueType a, ValueType b) {
    return a == ValueType.UNKNOWN || b == ValueType.UNKNOWN || a == b || (a.temporal() && b.temporal());
  }

  private static boolean isWholeNumberLiteral(Expr expr) {
    if (!(expr instanceof Expr.NumberLiteral n)) {
      return false;
    }
    try {
      int digits = n.value().intValueExact();
      return Math.abs(digits) <= 38;
    } catch (ArithmeticException notWhole) {
      return false;
    }
  }
}
