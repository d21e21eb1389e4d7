package io.trainyard.ml;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Which device to train or predict on, how to name it in events, and PyTorch's CPU threads. */
public final class Devices {

  /** The system property PyTorch reads, once, for its intra-op thread count when it loads. */
  public static final String NUM_THREADS = "ai.djl.pytorch.num_threads";

  private Devices() {}

  /**
   * Sets PyTorch's intra-op threads to {@code threads} unless {@code -Dai.djl.pytorch.num_threads}
   * was given. Only a call before the engine loads (the first DJL call) has an effect.
   *
   * @return the thread count in effect: the one given on the command line, else {@code threads}
   */
  public static int useIntraOpThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    String given = System.getProperty(NUM_THREADS);
    if (given == null) {
      System.setProperty(NUM_THREADS, Integer.toString(threads));
      return threads;
    }
    return Integer.parseInt(given.strip());
  }

  /** The first GPU when the engine sees one, else the CPU. */
  public static Device preferred() {
    return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /** {@code "cpu"} or {@code "gpu(N)"}. */
  public static String name(Device device) {
    return device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu";
  }
}
