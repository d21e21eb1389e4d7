package io.trainyard.ml;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Which device to train on, and how to name it in events. */
public final class Devices {

  private Devices() {}

  /** The first GPU when the engine sees one, else the CPU. */
  public static Device preferred() {
    return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /** {@code "cpu"} or {@code "gpu(N)"}. */
  public static String name(Device device) {
    return device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu";
  }
}
