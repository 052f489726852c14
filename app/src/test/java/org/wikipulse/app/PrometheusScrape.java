package org.wikipulse.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /metrics} read back into samples, for tests: each line {@code
 * name{label="value",...} number}, comments skipped.
 */
record PrometheusScrape(List<Sample> samples) {
  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Sample(String name, Map<String, String> labels, double value) {}

  static PrometheusScrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line.trim());
      if (!matcher.matches()) {
        throw new IllegalArgumentException("Not a Prometheus sample line: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (matcher.group(3) != null) {
        Matcher label = LABEL.matcher(matcher.group(3));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(matcher.group(1), labels, number(matcher.group(4))));
    }
    return new PrometheusScrape(List.copyOf(samples));
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  /** The samples of a name whose labels include the given pairs. */
  List<Sample> find(String name, String... labelPairs) {
    List<Sample> found = new ArrayList<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name) && hasLabels(sample, labelPairs)) {
        found.add(sample);
      }
    }
    return found;
  }

  /** The value of the one sample of a name with those labels, if there is exactly one. */
  OptionalDouble value(String name, String... labelPairs) {
    List<Sample> found = find(name, labelPairs);
    return found.size() == 1 ? OptionalDouble.of(found.get(0).value()) : OptionalDouble.empty();
  }

  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  private static boolean hasLabels(Sample sample, String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (!pairs[i + 1].equals(sample.labels().get(pairs[i]))) {
        return false;
      }
    }
    return true;
  }
}
