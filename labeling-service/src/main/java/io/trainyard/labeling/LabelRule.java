package io.trainyard.labeling;

import io.trainyard.contracts.spec.PipelineSpec;
import java.util.List;

/**
 * A threshold rule {@code label = column <op> value ? then : otherwise}, applied to raw values. The
 * classes are {@code then} and {@code otherwise} in sorted order; a missing (NaN) value gives no
 * label.
 */
public final class LabelRule {

  private final String column;
  private final String op;
  private final double value;
  private final List<String> classes;
  private final int thenIndex;
  private final int otherwiseIndex;

  public LabelRule(PipelineSpec.Rule rule) {
    this.column = rule.column();
    this.op = rule.op();
    this.value = rule.value();
    this.classes =
        rule.then().compareTo(rule.otherwise()) < 0
            ? List.of(rule.then(), rule.otherwise())
            : List.of(rule.otherwise(), rule.then());
    this.thenIndex = classes.indexOf(rule.then());
    this.otherwiseIndex = classes.indexOf(rule.otherwise());
    switch (op) {
      case "gt", "ge", "lt", "le", "eq", "ne" -> {
        // known
      }
      default -> throw new IllegalArgumentException("unknown rule operator '" + op + "'");
    }
  }

  /** The column whose raw value the rule reads. */
  public String column() {
    return column;
  }

  /** The two class names, sorted. */
  public List<String> classes() {
    return classes;
  }

  /** True when the condition holds for {@code v} (never for NaN). */
  public boolean test(double v) {
    return switch (op) {
      case "gt" -> v > value;
      case "ge" -> v >= value;
      case "lt" -> v < value;
      case "le" -> v <= value;
      case "eq" -> v == value;
      default -> !Double.isNaN(v) && v != value; // "ne"
    };
  }

  /** The class index of a raw value, or -1 when the value is missing. */
  public int classOf(double v) {
    if (Double.isNaN(v)) {
      return -1;
    }
    return test(v) ? thenIndex : otherwiseIndex;
  }

  /**
   * The class index of a raw text value (a categorical or label cell), -1 unless it is a number.
   */
  public int classOf(String text) {
    if (text == null || text.isBlank()) {
      return -1;
    }
    try {
      return classOf(Double.parseDouble(text.strip()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
