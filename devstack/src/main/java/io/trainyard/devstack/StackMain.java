package io.trainyard.devstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The child JVM of the devstack: one Apache Kafka broker (combined KRaft broker + controller) and
 * one MongoDB-wire server, on free loopback ports, in a data folder of its own.
 *
 * <p>Prints {@code READY kafka=<bootstrap> mongo=<connection string>} on stdout once both accept
 * connections, and stops (and exits) when its standard input closes, so it cannot outlive the
 * process that started it, even one killed with SIGKILL. It ignores Ctrl-C (its parent stops it)
 * and stops cleanly on SIGTERM.
 *
 * <p>Arguments: {@code <data-dir> <memory|file> [partitions]}. With {@value #SASL_PASSWORD} set in
 * its environment, the broker's one client listener takes SASL_PLAINTEXT connections only
 * (mechanism PLAIN, user {@value #SASL_USER} with that password); without it, PLAINTEXT ones.
 */
public final class StackMain {

  /** The environment variable with the password of the SASL user, when the broker takes SASL. */
  static final String SASL_PASSWORD = "TRAINYARD_DEVSTACK_SASL_PASSWORD";

  /** The one SASL/PLAIN user of a broker that takes SASL. */
  static final String SASL_USER = "trainyard";

  private StackMain() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args.length > 0 ? args[0] : "target/devstack");
    boolean persistent = args.length > 1 && "file".equals(args[1]);
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Files.createDirectories(dataDir);

    int kafkaPort = Ports.free();
    int controllerPort = Ports.free();
    KafkaRaftServer kafka =
        startKafka(
            dataDir.resolve("kafka"),
            kafkaPort,
            controllerPort,
            partitions,
            System.getenv(SASL_PASSWORD));

    MongoBackend backend =
        persistent ? new H2Backend(dataDir.resolve("store.mv").toString()) : new MemoryBackend();
    MongoServer mongo = new MongoServer(backend);
    int mongoPort = Ports.free();
    mongo.bind("127.0.0.1", mongoPort);

    CountDownLatch stop = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable shutdown =
        () -> {
          if (!stopping.compareAndSet(false, true)) {
            awaitQuietly(stop); // the other path is stopping the stack: let it finish
            return;
          }
          try {
            mongo.shutdown(); // closes the store's file (H2 writes it on a timer otherwise)
          } catch (RuntimeException e) {
            System.err.println("store shutdown: " + e);
          }
          kafka.shutdown();
          kafka.awaitShutdown();
          stop.countDown();
        };
    // Ctrl-C in a terminal reaches every process of the foreground group at once. The stack
    // ignores it and stops when the process that started it closes its input, which it does after
    // stopping the services: a broker and store gone first leave them failing on their way out.
    Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
    // Any other stop (SIGTERM, SIGHUP) still ends with the store's file written and the broker's
    // log closed, so that the next start of a kept data folder finds everything.
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "devstack-stop"));
    Thread watchdog =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // the parent writes nothing; EOF means it is gone
                }
              } catch (IOException ignored) {
                // treated as EOF
              }
              shutdown.run();
              System.exit(0);
            },
            "devstack-stdin-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    System.out.println(
        "READY kafka=127.0.0.1:"
            + kafkaPort
            + " mongo=mongodb://127.0.0.1:"
            + mongoPort
            + " pid="
            + ProcessHandle.current().pid());
    System.out.flush();
    stop.await();
  }

  private static KafkaRaftServer startKafka(
      Path logDir, int port, int controllerPort, int partitions, String saslPassword)
      throws IOException {
    Files.createDirectories(logDir);
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    String listener = saslPassword == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
    p.setProperty(
        "listeners",
        listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", listener + "://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty(
        "listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", listener);
    if (saslPassword != null) {
      // One user, which the broker also is to itself; the controller's listener stays on loopback
      // without SASL (only the broker talks to it).
      p.setProperty("sasl.enabled.mechanisms", "PLAIN");
      p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
      p.setProperty(
          "listener.name.sasl_plaintext.plain.sasl.jaas.config",
          "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
              + SASL_USER
              + "\" password=\""
              + saslPassword
              + "\" user_"
              + SASL_USER
              + "=\""
              + saslPassword
              + "\";");
    }
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
    p.setProperty("num.partitions", Integer.toString(partitions));
    p.setProperty("auto.create.topics.enable", "true");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // The default puts 128 MiB on the heap at start; compaction is not used here.
    p.setProperty("log.cleaner.dedupe.buffer.size", "8388608");
    p.setProperty("message.max.bytes", "16777216");
    p.setProperty("replica.fetch.max.bytes", "16777216");
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "4");
    p.setProperty("log.retention.hours", "-1");
    // Socket buffers sized by the kernel (autotuned) rather than 100 KiB, so that fetches and
    // produce requests of up to 1 MiB are not sent and read in pieces, each a wake-up on both
    // sides.
    p.setProperty("socket.send.buffer.bytes", "-1");
    p.setProperty("socket.receive.buffer.bytes", "-1");

    Path config = logDir.resolve("server.properties");
    try (var out = Files.newOutputStream(config)) {
      p.store(out, "devstack broker");
    }
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int rc =
          StorageTool.execute(
              new String[] {
                "format",
                "--standalone",
                "--cluster-id=" + clusterId(),
                "-c",
                config.toString(),
                "--ignore-formatted"
              },
              new PrintStream(buf, true, StandardCharsets.UTF_8));
      if (rc != 0) {
        throw new IllegalStateException("formatting the broker's storage failed: " + buf);
      }
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
    server.startup();
    return server;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (22 characters). */
  private static String clusterId() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
