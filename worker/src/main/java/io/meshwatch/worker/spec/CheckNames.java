package io.meshwatch.worker.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names for custom checks declared without one. A check's name keys its results across
 * evaluations, so it is derived from the expression alone, not from its position:
 *
 * <ol>
 *   <li>lower-case the expression; {@code (*)} reads as {@code all};
 *   <li>operators become words: {@code >=} ge, {@code <=} le, {@code <>} and {@code !=} ne,
 *       {@code =} and {@code ==} eq, {@code >} gt, {@code <} lt, {@code +} plus, {@code -} minus,
 *       {@code *} times, {@code /} div, {@code %} mod, {@code ||} concat;
 *   <li>runs of anything other than a-z and 0-9 become one {@code _}, trimmed at both ends;
 *   <li>cut to 63 characters; an empty result is {@code check}.
 * </ol>
 *
 * <p>{@code order_count > 0} is {@code order_count_gt_0}. A derived name already taken (by a
 * declared name, or an earlier derived one) gets the first free suffix {@code _2}, {@code _3}, ... in
 * list order.
 */
final class CheckNames {

  static final int MAX_LENGTH = 63;

  /** Longest first, so {@code >=} is not read as {@code >} then {@code =}. */
  private static final List<Map.Entry<String, String>> OPERATORS = List.of(
      Map.entry(">=", "ge"), Map.entry("<=", "le"), Map.entry("<>", "ne"), Map.entry("!=", "ne"),
      Map.entry("==", "eq"), Map.entry("||", "concat"), Map.entry("=", "eq"), Map.entry(">", "gt"),
      Map.entry("<", "lt"), Map.entry("+", "plus"), Map.entry("-", "minus"), Map.entry("*", "times"),
      Map.entry("/", "div"), Map.entry("%", "mod"));

  private CheckNames() {}

  static String slug(String expression) {
    String text = expression.toLowerCase(Locale.ROOT).replace("(*)", " all ");
    StringBuilder out = new StringBuilder();
    int i = 0;
    outer:
    while (i < text.length()) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
        i++;
        continue;
      }
      for (Map.Entry<String, String> operator : OPERATORS) {
        if (text.startsWith(operator.getKey(), i)) {
          out.append('_').append(operator.getValue()).append('_');
          i += operator.getKey().length();
          continue outer;
        }
      }
      out.append('_');
      i++;
    }
    String slug = out.toString().replaceAll("_+", "_").replaceAll("^_|_$", "");
    slug = cut(slug, MAX_LENGTH);
    return slug.isEmpty() ? "check" : slug;
  }

  /**
   * Assigns names: {@code declared} holds each check's declared name or null; the result holds every
   * check's name, declared ones unchanged. Duplicate declared names are the caller's error to report.
   */
  static List<String> assign(List<String> declared, List<String> expressions) {
    Set<String> taken = new HashSet<>();
    for (String name : declared) {
      if (name != null) {
        taken.add(name);
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      if (declared.get(i) != null) {
        names.add(declared.get(i));
        continue;
      }
      String base = slug(expressions.get(i));
      String name = base;
      for (int n = 2; taken.contains(name); n++) {
        String suffix = "_" + n;
        name = cut(base, MAX_LENGTH - suffix.length()) + suffix;
      }
      taken.add(name);
      names.add(name);
    }
    return names;
  }

  private static String cut(String slug, int max) {
    if (slug.length() <= max) {
      return slug;
    }
    return slug.substring(0, max).replaceAll("_+$", "");
  }
}
