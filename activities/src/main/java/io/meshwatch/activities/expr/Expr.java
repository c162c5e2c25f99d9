package io.meshwatch.activities.expr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * meshwatch's own syntax tree of a custom check expression. Built only by {@link ExpressionParser}
 * from an allow-listed subset of SQL; rendered per dialect by the planner. Nothing outside this
 * closed set can reach a warehouse.
 */
public sealed interface Expr {

  /** The direct sub-expressions, left to right. */
  default List<Expr> children() {
    return switch (this) {
      case ColumnRef c -> List.of();
      case Literal l -> List.of();
      case Comparison c -> List.of(c.left(), c.right());
      case And a -> List.of(a.left(), a.right());
      case Or o -> List.of(o.left(), o.right());
      case Not n -> List.of(n.operand());
      case Arithmetic a -> List.of(a.left(), a.right());
      case Negate n -> List.of(n.operand());
      case IsNull i -> List.of(i.operand());
      case Between b -> List.of(b.operand(), b.low(), b.high());
      case In i -> {
        List<Expr> all = new ArrayList<>();
        all.add(i.operand());
        all.addAll(i.values());
        yield List.copyOf(all);
      }
      case Like l -> List.of(l.operand(), l.pattern());
      case Case c -> {
        List<Expr> all = new ArrayList<>();
        for (WhenThen branch : c.branches()) {
          all.add(branch.condition());
          all.add(branch.result());
        }
        if (c.otherwise() != null) {
          all.add(c.otherwise());
        }
        yield List.copyOf(all);
      }
      case RowCall r -> r.arguments();
      case AggregateCall a -> a.argument() == null ? List.of() : List.of(a.argument());
    };
  }

  /** A plain, unqualified column name as written (quotes removed). */
  record ColumnRef(String name) implements Expr {
    public ColumnRef {
      Objects.requireNonNull(name);
    }
  }

  /** A constant. */
  sealed interface Literal extends Expr {}

  record NumberLiteral(BigDecimal value) implements Literal {
    public NumberLiteral {
      Objects.requireNonNull(value);
    }
  }

  record StringLiteral(String value) implements Literal {
    public StringLiteral {
      Objects.requireNonNull(value);
    }
  }

  record BooleanLiteral(boolean value) implements Literal {}

  record NullLiteral() implements Literal {}

  /** {@code DATE 'yyyy-mm-dd'}. */
  record DateLiteral(LocalDate value) implements Literal {
    public DateLiteral {
      Objects.requireNonNull(value);
    }
  }

  /** {@code TIMESTAMP 'yyyy-mm-dd hh:mm[:ss[.f]]'}, without a zone. */
  record TimestampLiteral(LocalDateTime value) implements Literal {
    public TimestampLiteral {
      Objects.requireNonNull(value);
    }
  }

  record Comparison(ComparisonOperator operator, Expr left, Expr right) implements Expr {
    public Comparison {
      Objects.requireNonNull(operator);
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }
  }

  record And(Expr left, Expr right) implements Expr {
    public And {
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }
  }

  record Or(Expr left, Expr right) implements Expr {
    public Or {
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }
  }

  record Not(Expr operand) implements Expr {
    public Not {
      Objects.requireNonNull(operand);
    }
  }

  record Arithmetic(ArithmeticOperator operator, Expr left, Expr right) implements Expr {
    public Arithmetic {
      Objects.requireNonNull(operator);
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }
  }

  /** Unary minus. */
  record Negate(Expr operand) implements Expr {
    public Negate {
      Objects.requireNonNull(operand);
    }
  }

  record IsNull(Expr operand, boolean negated) implements Expr {
    public IsNull {
      Objects.requireNonNull(operand);
    }
  }

  record Between(Expr operand, Expr low, Expr high, boolean negated) implements Expr {
    public Between {
      Objects.requireNonNull(operand);
      Objects.requireNonNull(low);
      Objects.requireNonNull(high);
    }
  }

  /** {@code operand [NOT] IN (literal, ...)}: a list of constants, never a subquery. */
  record In(Expr operand, List<Literal> values, boolean negated) implements Expr {
    public In {
      Objects.requireNonNull(operand);
      values = List.copyOf(values);
    }
  }

  /** {@code operand [NOT] [I]LIKE 'pattern'}; backslash escapes {@code %} and {@code _}. */
  record Like(Expr operand, StringLiteral pattern, boolean negated, boolean caseInsensitive) implements Expr {
    public Like {
      Objects.requireNonNull(operand);
      Objects.requireNonNull(pattern);
    }
  }

  /** A searched {@code CASE}; a simple {@code CASE x WHEN v} is parsed into {@code WHEN x = v}. */
  record Case(List<WhenThen> branches, Expr otherwise) implements Expr {
    public Case {
      branches = List.copyOf(branches);
    }
  }

  record WhenThen(Expr condition, Expr result) {
    public WhenThen {
      Objects.requireNonNull(condition);
      Objects.requireNonNull(result);
    }
  }

  /** A call of an allow-listed row function. */
  record RowCall(RowFunction function, List<Expr> arguments) implements Expr {
    public RowCall {
      Objects.requireNonNull(function);
      arguments = List.copyOf(arguments);
    }
  }

  /** A call of an allow-listed aggregate; {@code argument} is null for {@code count(*)}. */
  record AggregateCall(AggregateFunction function, Expr argument, boolean distinct) implements Expr {
    public AggregateCall {
      Objects.requireNonNull(function);
    }

    public boolean countsRows() {
      return argument == null;
    }
  }
}
