package io.meshwatch.activities.warehouse.bigquery;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes as written in config ({@code 10737418240}, {@code 500MB}, {@code 10GiB},
 * {@code 1 TB}) and as shown in messages. Decimal units (KB, MB, GB, TB) are powers of 1000, binary
 * units (KiB, MiB, GiB, TiB) powers of 1024, as BigQuery's own pricing pages use them.
 */
public final class ByteSize {

  private static final Pattern TEXT = Pattern.compile("(\\d{1,19})\\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)?");
  private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

  private ByteSize() {}

  /** The number of bytes, or empty when the text is not a whole amount with an optional unit or overflows. */
  public static Optional<Long> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long multiplier = switch (matcher.group(2) == null ? "b" : matcher.group(2)) {
      case "b" -> 1L;
      case "kb" -> 1_000L;
      case "mb" -> 1_000_000L;
      case "gb" -> 1_000_000_000L;
      case "tb" -> 1_000_000_000_000L;
      case "kib" -> 1L << 10;
      case "mib" -> 1L << 20;
      case "gib" -> 1L << 30;
      case "tib" -> 1L << 40;
      default -> throw new IllegalStateException("the pattern admits no unit " + matcher.group(2));
    };
    try {
      return Optional.of(Math.multiplyExact(Long.parseLong(matcher.group(1)), multiplier));
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  /** A short human form with binary units and the exact count: {@code 10.0 GiB (10737418240 bytes)}. */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s (%d bytes)", value, BINARY_UNITS[unit], bytes);
  }
}
