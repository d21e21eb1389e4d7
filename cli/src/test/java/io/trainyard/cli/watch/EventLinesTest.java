package io.trainyard.cli.watch;

import static io.trainyard.cli.watch.Events.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import org.junit.jupiter.api.Test;

class EventLinesTest {

  private static final String ID = "breast-cancer";

  @Test
  void ingestLines() {
    assertThat(EventLines.format(Events.opened(ID, 1)))
        .isEqualTo("ingest    opened breast-cancer v1 (31 columns, label diagnosis)");
    assertThat(EventLines.format(Events.sealed(ID, 1)))
        .isEqualTo(
            "ingest    sealed breast-cancer v1: 569 rows (train 398 / validation 114 / test 57)");
  }

  @Test
  void cleaningLineSumsImputedAndClippedOverColumns() {
    assertThat(EventLines.format(Events.profiled(ID, 2)))
        .isEqualTo(
            "cleaning  profiled breast-cancer v2: 569 rows in, 560 out"
                + " (train 389 / validation 114 / test 57); 4 imputed, 7 clipped, 9 dropped");
  }

  @Test
  void labelingLineListsClassesWithCountsAndBatches() {
    assertThat(EventLines.format(Events.prepared(ID, 1)))
        .isEqualTo(
            "labeling  prepared breast-cancer v1: 30 features, 2 classes (benign 357 / malignant"
                + " 212), batches train 7 / validation 2 / test 1");
  }

  @Test
  void trainingLines() {
    assertThat(EventLines.format(Events.requested(ID, 1, REQUEST)))
        .isEqualTo(
            "training  requested breast-cancer-mlp (request 01234567): mlp [32, 16], up to 60"
                + " epochs, batch 32, adam lr 0.001");
    assertThat(EventLines.format(Events.completed(ID, 1, REQUEST)))
        .isEqualTo(
            "training  completed breast-cancer-mlp: 31 epochs (best 23, val loss 0.0812) on cpu in"
                + " 4.2 s");
    assertThat(EventLines.format(Events.failed(ID, 1, REQUEST)))
        .isEqualTo("training  FAILED breast-cancer-mlp: out of memory");
    assertThat(EventLines.format(Events.epoch(ID, 1, REQUEST, 3))).isNull();
  }

  @Test
  void evaluationAndRegistryLines() {
    assertThat(EventLines.format(Events.evaluated(ID, 1, REQUEST)))
        .isEqualTo(
            "evaluate  breast-cancer-mlp: accuracy 0.982, f1 0.981, roc_auc 0.999, log_loss 0.071"
                + " on 57 test rows; blessed");
    assertThat(EventLines.format(Events.registered(ID, 1, REQUEST, 3)))
        .isEqualTo("registry  registered breast-cancer-mlp v3 (from breast-cancer v1)");
    assertThat(EventLines.format(ModelVersionRegistered.getDefaultInstance()))
        .startsWith("registry  registered");
  }

  @Test
  void labelsPadToTenColumns() {
    assertThat(EventLines.label("ingest")).isEqualTo("ingest    ");
    assertThat(EventLines.label("evaluation")).isEqualTo("evaluation ");
  }

  @Test
  void numbersLoseTrailingZeros() {
    assertThat(EventLines.number(0.001)).isEqualTo("0.001");
    assertThat(EventLines.number(32)).isEqualTo("32");
    assertThat(EventLines.number(0.00001)).isEqualTo("0.00001");
  }
}
