package io.trainyard.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DevicesTest {

  @Test
  void namesDevicesAsTheEventsDo() {
    assertThat(Devices.name(Device.cpu())).isEqualTo("cpu");
    assertThat(Devices.name(Device.gpu(1))).isEqualTo("gpu(1)");
  }

  @Test
  void setsTheThreadCountOnlyWhenTheCommandLineDidNot() {
    String before = System.getProperty(Devices.NUM_THREADS);
    try {
      System.clearProperty(Devices.NUM_THREADS);
      assertThat(Devices.useIntraOpThreads(3)).isEqualTo(3);
      assertThat(System.getProperty(Devices.NUM_THREADS)).isEqualTo("3");
      // Set now (as by -Dai.djl.pytorch.num_threads=3): a later call keeps it.
      assertThat(Devices.useIntraOpThreads(5)).isEqualTo(3);
      assertThat(System.getProperty(Devices.NUM_THREADS)).isEqualTo("3");
      assertThatThrownBy(() -> Devices.useIntraOpThreads(0))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      if (before == null) {
        System.clearProperty(Devices.NUM_THREADS);
      } else {
        System.setProperty(Devices.NUM_THREADS, before);
      }
    }
  }
}
