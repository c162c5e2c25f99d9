package io.meshwatch.worker.grafana;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects — enough of PromQL's lexer to tell a metric name
 * from the other words: function and aggregation names (followed by "(" or by by/without),
 * keywords, label names inside {...} and in by/without/on/ignoring/group_left/group_right lists,
 * string literals, durations and numbers. A name given as {@code {__name__="x"}} counts too. The
 * expression is assumed to parse (promtool checks that separately).
 */
public final class PromQlMetricNames {

  /** Keywords followed by an optional list of label names in parentheses. */
  private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS = Set.of("bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");
  /** Aggregation operators: they may be followed by by/without before their "(". */
  private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
      "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
  private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([^\"]+)\"");

  private PromQlMetricNames() {}

  public static Set<String> of(String expr) {
    Set<String> names = new TreeSet<>();
    int i = 0;
    int n = expr.length();
    while (i < n) {
      char c = expr.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        i = endOfLine(expr, i);
      } else if (c == '"' || c == '\'' || c == '`') {
        i = endOfString(expr, i);
      } else if (c == '{') {
        int end = closing(expr, i, '{', '}');
        Matcher m = NAME_MATCHER.matcher(expr.substring(i, end));
        while (m.find()) {
          names.add(m.group(1));
        }
        i = end;
      } else if (c == '[') {
        i = closing(expr, i, '[', ']');
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
        i = endOfNumber(expr, i);
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
          i++;
        }
        String word = expr.substring(start, i);
        String keyword = word.toLowerCase(Locale.ROOT);
        int next = skipSpace(expr, i);
        if (LABEL_LIST_KEYWORDS.contains(keyword)) {
          if (next < n && expr.charAt(next) == '(') {
            i = closing(expr, next, '(', ')');
          }
        } else if (KEYWORDS.contains(keyword) || AGGREGATIONS.contains(keyword)) {
          // an operator, not a selector
        } else if (next < n && expr.charAt(next) == '(') {
          // a function call: its arguments are read on
        } else {
          names.add(word);
        }
      } else {
        i++;
      }
    }
    return names;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int endOfLine(String s, int i) {
    int end = s.indexOf('\n', i);
    return end < 0 ? s.length() : end + 1;
  }

  /** Just past the string literal starting at {@code i}; backquoted strings have no escapes. */
  private static int endOfString(String s, int i) {
    char quote = s.charAt(i);
    int j = i + 1;
    while (j < s.length() && s.charAt(j) != quote) {
      j += quote != '`' && s.charAt(j) == '\\' ? 2 : 1;
    }
    return Math.min(j + 1, s.length());
  }

  /** Just past the bracket closing the one at {@code i}, skipping strings inside. */
  private static int closing(String s, int i, char open, char close) {
    int depth = 0;
    int j = i;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c == '"' || c == '\'' || c == '`') {
        j = endOfString(s, j);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return j + 1;
      }
      j++;
    }
    return s.length();
  }

  /** Numbers (1, 0.5, 1e-3, 0x1F) and durations (5m, 1h30m): digits, letters, dots, an exponent's sign. */
  private static int endOfNumber(String s, int i) {
    int j = i;
    while (j < s.length()) {
      char c = s.charAt(j);
      boolean exponentSign = (c == '+' || c == '-') && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E')
          && !s.substring(i, j).startsWith("0x") && j + 1 < s.length() && Character.isDigit(s.charAt(j + 1));
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
        j++;
      } else {
        break;
      }
    }
    return j;
  }
}
