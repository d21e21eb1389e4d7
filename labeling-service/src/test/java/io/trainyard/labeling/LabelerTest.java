package io.trainyard.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.labeling.TestChunks.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelerTest {

  static final Row[] ROWS = {
    new Row(1, Split.TRAIN, 1, "x", 10, "yes"),
    new Row(2, Split.TRAIN, 2, "y", 20, "no"),
    new Row(3, Split.TEST, 3, "z", 30, "yes"),
    new Row(4, Split.TRAIN, 4, "x", 40, ""), // unlabeled
    new Row(5, Split.VALIDATION, 5, "y", 50, "no"),
    new Row(6, Split.TRAIN, 6, "z", 60, "yes"),
  };

  @Test
  void routesLabeledRowsToTheirSplitsBatches() {
    List<PreparedBatch> out = new ArrayList<>();
    FeatureEncoder encoder = new FeatureEncoder(TestChunks.SCHEMA);
    Labeler labeler =
        new Labeler(
            encoder,
            new LabelColumn(List.of("yes", "no")),
            TestChunks.REF,
            2,
            BatchBuilder.parsing(out::add));
    labeler.accept(TestChunks.chunk(0, ROWS[0], ROWS[1], ROWS[2]));
    labeler.accept(TestChunks.chunk(1, ROWS[3], ROWS[4], ROWS[5]));
    labeler.finish();

    // classes sorted: no = 0, yes = 1. train rows 1, 2, 6 -> batches [1, 2], [6].
    List<PreparedBatch> train = out.stream().filter(b -> b.getSplit() == Split.TRAIN).toList();
    assertThat(train).hasSize(2);
    assertThat(train.get(0).getRowIdsList()).containsExactly(1L, 2L);
    assertThat(train.get(0).getYList()).containsExactly(1, 0);
    assertThat(train.get(0).getXList()).containsExactly(1f, 10f, 1f, 0f, 0f, 2f, 20f, 0f, 1f, 0f);
    assertThat(train.get(1).getRowIdsList()).containsExactly(6L);
    assertThat(train.get(1).getXList()).containsExactly(6f, 60f, 0f, 0f, 1f);

    assertThat(labeler.split(Split.TEST).rows()).isEqualTo(1);
    assertThat(labeler.split(Split.VALIDATION).rows()).isEqualTo(1);
    assertThat(labeler.rowsIn()).isEqualTo(6);
    assertThat(labeler.rowsOut()).isEqualTo(5);
    assertThat(labeler.unlabeled()).isEqualTo(1);
    assertThat(labeler.classCounts())
        .containsExactly(java.util.Map.entry("no", 2L), java.util.Map.entry("yes", 3L));
  }

  @Test
  void ruleLabelsComeFromRawValuesByRowId() {
    // Raw a values differ from the cleaned ones: the rule must read the raw chunk.
    RuleLabels rule =
        new RuleLabels(
            new LabelRule(new PipelineSpec.Rule("a", "ge", 3.0, "big", "small")), false, 6);
    rule.acceptRaw(
        TestChunks.chunk(
            0,
            new Row(1, Split.TRAIN, 1, "x", 0, ""),
            new Row(2, Split.TRAIN, 3, "x", 0, ""),
            new Row(3, Split.TEST, Double.NaN, "x", 0, ""),
            new Row(4, Split.TRAIN, 7, "x", 0, "")));
    assertThat(rule.classes()).containsExactly("big", "small");
    assertThat(rule.classOf(1)).isEqualTo(1);
    assertThat(rule.classOf(2)).isEqualTo(0);
    assertThat(rule.classOf(3)).isEqualTo(-1);
    assertThat(rule.classOf(4)).isEqualTo(0);
    assertThat(rule.classOf(5)).isEqualTo(-1); // never seen
    assertThat(rule.classOf(1L << 40)).isEqualTo(-1);

    List<PreparedBatch> out = new ArrayList<>();
    Labeler labeler =
        new Labeler(
            new FeatureEncoder(TestChunks.SCHEMA),
            rule,
            TestChunks.REF,
            10,
            BatchBuilder.parsing(out::add));
    // cleaned chunk: row 4 was dropped, values are scaled.
    labeler.accept(
        TestChunks.chunk(
            0,
            new Row(1, Split.TRAIN, -1.5, "x", 0, ""),
            new Row(2, Split.TRAIN, 0.1, "x", 0, ""),
            new Row(3, Split.TEST, 0.0, "x", 0, "")));
    labeler.finish();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getYList()).containsExactly(1, 0);
    assertThat(labeler.unlabeled()).isEqualTo(1);
  }

  @Test
  void ruleOverTheLabelColumnOrATextColumnParsesNumbers() {
    RuleLabels onLabel =
        new RuleLabels(
            new LabelRule(new PipelineSpec.Rule("label", "gt", 6.0, "good", "bad")), true, 3);
    onLabel.acceptRaw(
        TestChunks.chunk(
            0,
            new Row(1, Split.TRAIN, 0, "x", 0, "7"),
            new Row(2, Split.TRAIN, 0, "x", 0, "5"),
            new Row(3, Split.TRAIN, 0, "x", 0, "")));
    assertThat(onLabel.classOf(1)).isEqualTo(1); // good
    assertThat(onLabel.classOf(2)).isEqualTo(0); // bad
    assertThat(onLabel.classOf(3)).isEqualTo(-1);

    RuleLabels onText =
        new RuleLabels(
            new LabelRule(new PipelineSpec.Rule("c", "eq", 2.0, "two", "other")), false, 2);
    onText.acceptRaw(
        TestChunks.chunk(
            0, new Row(1, Split.TRAIN, 0, "2", 0, ""), new Row(2, Split.TRAIN, 0, "x", 0, "")));
    assertThat(onText.classOf(1)).isEqualTo(1); // two
    assertThat(onText.classOf(2)).isEqualTo(-1);
  }
}
