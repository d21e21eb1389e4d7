package io.trainyard.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void barFillsByWholeCellsAndStaysInBounds() {
    assertThat(ProgressBar.bar(0, 60, 24)).isEqualTo("[------------------------]");
    // 23 / 60 of 24 cells = 9.2 -> 9
    assertThat(ProgressBar.bar(23, 60, 24)).isEqualTo("[#########---------------]");
    assertThat(ProgressBar.bar(60, 60, 24)).isEqualTo("[########################]");
    assertThat(ProgressBar.bar(70, 60, 24)).isEqualTo("[########################]");
    assertThat(ProgressBar.bar(3, 0, 4)).isEqualTo("[----]");
    assertThat(ProgressBar.bar(1, 2, 4)).isEqualTo("[##--]");
  }

  @Test
  void rendersEpochLossesAndAccuracies() {
    assertThat(ProgressBar.render(Events.epoch("d", 1, "r", 23)))
        .isEqualTo(
            "training  [#########---------------] 23/60  loss 0.1234 / val 0.1456  acc 0.962 / val"
                + " 0.947");
    assertThat(ProgressBar.render(Events.epoch("d", 1, "r", 5)))
        .startsWith("training  [##----------------------]  5/60  loss");
  }

  @Test
  void anEpochPastTheAnnouncedMaximumStretchesTheTotal() {
    var e = Events.epoch("d", 1, "r", 3).toBuilder().setMaxEpochs(0).build();
    assertThat(ProgressBar.render(e)).startsWith("training  [########################] 3/3 ");
  }
}
