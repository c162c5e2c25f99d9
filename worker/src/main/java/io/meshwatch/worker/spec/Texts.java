package io.meshwatch.worker.spec;

/** Echoes user text into messages safely: quoted, single-line, and short. */
final class Texts {

  private static final int MAX_QUOTED = 80;

  private Texts() {}

  /** {@code 'value'}, with control characters escaped and long values cut to about 80 characters. */
  static String quote(String value) {
    return "'" + printable(value, MAX_QUOTED) + "'";
  }

  /** {@code value} with control characters escaped, cut with an ellipsis once {@code max} characters are written. */
  static String printable(String value, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (out.length() >= max) {
        out.append('…');
        break;
      }
      switch (cp) {
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
            out.append(String.format("\\u%04x", cp));
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
    }
    return out.toString();
  }

  /** {@code a, b or c}. */
  static String oneOf(java.util.List<String> choices) {
    return join(choices, " or ");
  }

  /** {@code a, b and c}. */
  static String allOf(java.util.List<String> items) {
    return join(items, " and ");
  }

  private static String join(java.util.List<String> items, String last) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
  }
}
