package io.trainyard.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports. Kept apart from {@link StackMain}, whose imports live only in the child. */
public final class Ports {

  private Ports() {}

  /** A port free on the loopback interface at the time of the call. */
  public static int free() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
