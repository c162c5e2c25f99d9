package io.meshwatch.activities.expr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks on the raw text, before parsing. The SQL parser silently drops comments and accepts
 * parameters and several dialects' quoting, so these are refused here, outside string literals and
 * quoted names, where the parser cannot hide them.
 */
final class ExpressionText {

  /** Longer expressions are refused: a check is a condition, not a program. */
  static final int MAX_BYTES = 4096;

  /** Deeper nesting is refused; it also bounds the parser's work. */
  static final int MAX_NESTING = 16;

  private static final Set<String> STATEMENT_KEYWORDS = Set.of(
      "select", "with", "insert", "update", "delete", "merge", "upsert", "replace", "drop", "create",
      "alter", "truncate", "grant", "revoke", "copy", "call", "exec", "execute", "do", "set", "reset",
      "begin", "start", "commit", "rollback", "savepoint", "vacuum", "analyze", "attach", "detach",
      "pragma", "load", "install", "show", "describe", "explain", "use", "values", "table", "checkpoint",
      "export", "import", "comment", "lock", "listen", "notify", "prepare", "deallocate", "declare",
      "fetch", "refresh", "summarize");

  private ExpressionText() {}

  static List<String> problems(String text) {
    if (text == null || text.isBlank()) {
      return List.of("the expression is empty");
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      return List.of("the expression is " + bytes + " bytes long; the limit is " + MAX_BYTES + " bytes");
    }
    Set<String> problems = new LinkedHashSet<>();
    int depth = 0;
    int maxDepth = 0;
    boolean inString = false;
    boolean inQuotedName = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        problems.add("control characters are not allowed");
        continue;
      }
      if (inString) {
        if (c == '\'') {
          if (next == '\'') {
            i++;
          } else {
            inString = false;
          }
        }
        continue;
      }
      if (inQuotedName) {
        if (c == '"') {
          if (next == '"') {
            i++;
          } else {
            inQuotedName = false;
          }
        }
        continue;
      }
      switch (c) {
        case '\'' -> inString = true;
        case '"' -> inQuotedName = true;
        case ';' -> problems.add("several statements are not allowed: an expression has no ';'");
        case '#' -> problems.add("comments are not allowed");
        case '-' -> {
          if (next == '-') {
            problems.add("comments are not allowed");
            i++;
          }
        }
        case '/' -> {
          if (next == '*') {
            problems.add("comments are not allowed");
            i++;
          }
        }
        case '*' -> {
          if (next == '/') {
            problems.add("comments are not allowed");
            i++;
          }
        }
        case '?' -> problems.add("parameters (?) are not allowed");
        case ':' -> {
          if (next == ':') {
            problems.add("casts (::) are not allowed");
            i++;
          } else {
            problems.add("named parameters (:name) are not allowed");
          }
        }
        case '$' -> problems.add("parameters and dollar-quoted strings ($) are not allowed");
        case '|' -> problems.add(next == '|'
            ? "the || operator is not allowed (it means OR in some dialects and concatenation in others)"
            : "bitwise operators are not allowed");
        case '&' -> problems.add(next == '&' ? "the && operator is not allowed; write AND" : "bitwise operators are not allowed");
        case '^', '~' -> problems.add("the " + c + " operator is not allowed");
        case '!' -> {
          if (next == '=') {
            i++;
          } else {
            problems.add("the ! operator is not allowed; write NOT");
          }
        }
        case '`' -> problems.add("backtick-quoted names are not allowed; quote a column name with double quotes");
        case '(' -> {
          depth++;
          maxDepth = Math.max(maxDepth, depth);
        }
        case ')' -> depth--;
        default -> {}
      }
    }
    if (inString) {
      problems.add("a string literal is not closed (missing ')");
    }
    if (inQuotedName) {
      problems.add("a quoted name is not closed (missing \")");
    }
    if (maxDepth > MAX_NESTING) {
      problems.add("parentheses are nested " + maxDepth + " deep; the limit is " + MAX_NESTING);
    }
    return new ArrayList<>(problems);
  }

  /**
   * The sentence for a text that failed to parse and starts like a SQL statement, or null. Asked
   * only after a failed parse, so a column named like a keyword ({@code start < finish}) is fine.
   */
  static String statementProblem(String text) {
    String keyword = leadingStatementKeyword(text);
    return keyword == null ? null : "this is a SQL statement (" + keyword.toUpperCase(Locale.ROOT)
        + "), not an expression; write a boolean condition over the product's columns, such as revenue_usd >= 0";
  }

  private static String leadingStatementKeyword(String text) {
    String trimmed = text.stripLeading();
    while (trimmed.startsWith("(")) {
      trimmed = trimmed.substring(1).stripLeading();
    }
    int end = 0;
    while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
      end++;
    }
    String word = trimmed.substring(0, end).toLowerCase(Locale.ROOT);
    return STATEMENT_KEYWORDS.contains(word) ? word : null;
  }
}
