package io.meshwatch.worker.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The samples of a Prometheus text exposition ({@code name{label="value",...} value [timestamp]}),
 * parsed properly — escapes in label values included — so tests assert on names, labels and values
 * rather than on substrings of the text.
 */
public record Exposition(List<Sample> samples) {

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {

    /** True when every label in {@code wanted} is on this sample with that value. */
    public boolean has(Map<String, String> wanted) {
      return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
  }

  public Exposition {
    samples = List.copyOf(samples);
  }

  public static Exposition parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        samples.add(parseLine(trimmed));
      }
    }
    return new Exposition(samples);
  }

  /** Every sample of the metric {@code name} that carries the labels {@code wanted} (and maybe more). */
  public List<Sample> find(String name, Map<String, String> wanted) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(wanted)).toList();
  }

  /** The sample of {@code name} whose labels are exactly {@code labels}, if any. */
  public Optional<Double> value(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).map(Sample::value).findFirst();
  }

  /** The sum over the samples {@link #find} returns: 0 when there are none. */
  public double sum(String name, Map<String, String> wanted) {
    return find(name, wanted).stream().mapToDouble(Sample::value).sum();
  }

  private static Sample parseLine(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq).strip();
        if (line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("label " + label + " has no quoted value in: " + line);
        }
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char escaped = line.charAt(++j);
            value.append(escaped == 'n' ? '\n' : escaped);
          } else {
            value.append(c);
          }
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    return new Sample(name, labels, parseValue(rest[0]));
  }

  private static double parseValue(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }
}
