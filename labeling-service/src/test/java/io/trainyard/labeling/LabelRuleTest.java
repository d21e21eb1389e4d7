package io.trainyard.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.spec.PipelineSpec;
import org.junit.jupiter.api.Test;

class LabelRuleTest {

  private static LabelRule rule(String op, double value) {
    return new LabelRule(new PipelineSpec.Rule("v", op, value, "high", "low"));
  }

  @Test
  void classesAreSortedAndIndexesFollowThem() {
    LabelRule r = rule("gt", 5);
    assertThat(r.classes()).containsExactly("high", "low");
    assertThat(r.classOf(6)).isEqualTo(0); // high
    assertThat(r.classOf(5)).isEqualTo(1); // low
    LabelRule reversed = new LabelRule(new PipelineSpec.Rule("v", "gt", 5.0, "yes", "no"));
    assertThat(reversed.classes()).containsExactly("no", "yes");
    assertThat(reversed.classOf(6)).isEqualTo(1);
  }

  @Test
  void everyOperator() {
    assertThat(rule("gt", 5).test(5)).isFalse();
    assertThat(rule("ge", 5).test(5)).isTrue();
    assertThat(rule("lt", 5).test(4.999)).isTrue();
    assertThat(rule("le", 5).test(5.001)).isFalse();
    assertThat(rule("eq", 5).test(5)).isTrue();
    assertThat(rule("ne", 5).test(5)).isFalse();
    assertThat(rule("ne", 5).test(4)).isTrue();
  }

  @Test
  void missingValuesGiveNoLabel() {
    for (String op : new String[] {"gt", "ge", "lt", "le", "eq", "ne"}) {
      assertThat(rule(op, 5).classOf(Double.NaN)).as(op).isEqualTo(-1);
    }
    assertThat(rule("gt", 5).classOf("")).isEqualTo(-1);
    assertThat(rule("gt", 5).classOf("n/a")).isEqualTo(-1);
    assertThat(rule("gt", 5).classOf(" 7 ")).isEqualTo(0);
  }
}
