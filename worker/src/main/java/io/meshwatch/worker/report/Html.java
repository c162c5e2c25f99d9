package io.meshwatch.worker.report;

/** Escaping for text put into HTML or SVG, in element content and in quoted attribute values alike. */
public final class Html {

  private Html() {}

  /**
   * {@code value} as literal text: the five characters that can end text or an attribute are
   * entities, and control characters other than tab and line breaks (which HTML cannot hold) are
   * replaced by U+FFFD.
   */
  public static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
