package io.trainyard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.devstack.DevStack;
import io.trainyard.devstack.ServiceLauncher;
import io.trainyard.devstack.Stack;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Rows through ingest → cleaning → labeling (to prepared batches) on the devstack broker, against
 * the raw reference in the same run: the same rows produced once and consumed once with a plain
 * Kafka producer and consumer, one record per row, acks=all.
 *
 * <p>Usage: {@code PipelineBench [rows] [features] [rounds]} (default 1,000,000 x 20, 5 measured
 * rounds after 2 warm-up rounds). Each round runs the reference and then the pipeline; the ratio
 * compares the medians. Run from the project root or the bench module; the services must be
 * packaged.
 */
public final class PipelineBench {

  private PipelineBench() {}

  public static void main(String[] args) throws Exception {
    int rows =
        args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("bench.rows", 1_000_000);
    int features = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int rounds =
        args.length > 2 ? Integer.parseInt(args[2]) : Integer.getInteger("bench.rounds", 5);
    // Unmeasured rounds first, as JMH's warm-up iterations: both paths, at full size, so that the
    // measured rounds see the broker, the services and this harness with their JIT done.
    int warmups = Integer.getInteger("bench.warmups", 4);
    int total = warmups + rounds;
    Path root = projectRoot();
    Path work = Files.createTempDirectory("trainyard-bench-");
    Path csv = work.resolve("synthetic.csv");
    long bytes = writeCsv(csv, rows, features);
    System.out.printf(
        Locale.ROOT,
        "data: %,d rows x %d numeric features + label, %.1f MiB CSV%n",
        rows,
        features,
        bytes / 1048576.0);

    try (DevStack stack = DevStack.start(work.resolve("stack"), false);
        ServiceLauncher services = new ServiceLauncher(root, stack, work.resolve("logs"))) {
      stack.createTopics(io.trainyard.contracts.Topics.ALL);
      services.start(
          List.of("ingest-service", "cleaning-service", "labeling-service"), Duration.ofMinutes(3));
      // The services warm up in the background after start: let them finish (their readiness
      // check says so) and the JIT's queue drain, so that no measurement shares the cores with it.
      for (String module : List.of("ingest-service", "cleaning-service", "labeling-service")) {
        awaitWarmedUp(module, services.get(module).url(), Duration.ofMinutes(5));
      }
      List<Long> all = new java.util.ArrayList<>(stack.pids());
      all.addAll(services.pids());
      awaitQuiet(all, Duration.ofSeconds(60));

      // Rounds alternate the reference and the pipeline, so that both see the same machine
      // state (JIT, page cache, broker log size); the summary compares medians.
      // CPU time of everything involved (broker + store, services, this harness), so that the
      // work each path costs is visible apart from how the two cores were shared.
      List<Long> involved = new java.util.ArrayList<>(all);
      involved.add(ProcessHandle.current().pid());
      double[] raw = new double[total];
      double[] pipeline = new double[total];
      double[] rawCpu = new double[total];
      double[] pipelineCpu = new double[total];
      Map<String, List<Long>> parts = new java.util.LinkedHashMap<>();
      parts.put("broker+store", stack.pids());
      for (String module : List.of("ingest-service", "cleaning-service", "labeling-service")) {
        parts.put(module.replace("-service", ""), List.of(services.get(module).process().pid()));
      }
      parts.put("harness", List.of(ProcessHandle.current().pid()));
      for (int round = 0; round < total; round++) {
        String label =
            round < warmups ? "warm-up " + (round + 1) : "round " + (round - warmups + 1);
        // Each measurement starts on a quiet machine: nothing left compiling or collecting from
        // the one before (the harness's own JIT included).
        awaitQuiet(involved, Duration.ofSeconds(30));
        // Reference: one raw hop, one record per row.
        long cpu = cpuTicks(involved);
        long rawBrokerBefore = cpuTicks(stack.pids());
        long rawFrom = System.nanoTime();
        raw[round] = rawHop(stack, csv, rows);
        window(label, "raw", rawFrom);
        rawCpu[round] = (cpuTicks(involved) - cpu) / (double) TICKS_PER_SECOND;
        double rawBroker = (cpuTicks(stack.pids()) - rawBrokerBefore) / (double) TICKS_PER_SECOND;
        System.out.printf(
            Locale.ROOT,
            "%s raw kafka : %,.0f rows/s (%.1f s: produce acks=all + consume, 1 record/row;"
                + " %.1f CPU s)%n",
            label,
            rows / raw[round],
            raw[round],
            rawCpu[round]);
        System.out.printf(
            Locale.ROOT,
            "        CPU s by process: broker+store %.1f harness (producer + consumer) %.1f%n",
            rawBroker,
            rawCpu[round] - rawBroker);

        // Trainyard: upload to ingest, wait for DatasetPrepared from labeling.
        String name = "bench-" + Long.toHexString(System.nanoTime());
        awaitQuiet(involved, Duration.ofSeconds(30));
        cpu = cpuTicks(involved);
        Map<String, Long> partsBefore = new java.util.HashMap<>();
        parts.forEach((part, pids) -> partsBefore.put(part, cpuTicks(pids)));
        Map<String, Long> threadsBefore = THREADS > 0 ? threadTicks(parts) : Map.of();
        long pipelineFrom = System.nanoTime();
        pipeline[round] =
            pipeline(stack.bootstrapServers(), services.get("ingest-service").url(), csv, name);
        window(label, "trainyard", pipelineFrom);
        pipelineCpu[round] = (cpuTicks(involved) - cpu) / (double) TICKS_PER_SECOND;
        StringBuilder split = new StringBuilder();
        parts.forEach(
            (part, pids) ->
                split.append(
                    String.format(
                        Locale.ROOT,
                        " %s %.1f",
                        part,
                        (cpuTicks(pids) - partsBefore.get(part)) / (double) TICKS_PER_SECOND)));
        System.out.printf(
            Locale.ROOT,
            "%s trainyard : %,.0f rows/s (%.1f s: ingest -> cleaning -> labeling; %.1f CPU s)%n",
            label,
            rows / pipeline[round],
            pipeline[round],
            pipelineCpu[round]);
        System.out.println("        CPU s by process:" + split);
        if (THREADS > 0) {
          printThreads(threadsBefore, threadTicks(parts));
        }
      }
      raw = java.util.Arrays.copyOfRange(raw, warmups, total);
      pipeline = java.util.Arrays.copyOfRange(pipeline, warmups, total);
      rawCpu = java.util.Arrays.copyOfRange(rawCpu, warmups, total);
      pipelineCpu = java.util.Arrays.copyOfRange(pipelineCpu, warmups, total);
      double rawRate = rows / median(raw);
      double pipelineRate = rows / median(pipeline);
      System.out.printf(
          Locale.ROOT,
          "raw kafka   : %,.0f rows/s (median of %d rounds after %d warm-ups, %.1f s)%n",
          rawRate,
          rounds,
          warmups,
          median(raw));
      System.out.printf(
          Locale.ROOT,
          "trainyard   : %,.0f rows/s (median of %d rounds after %d warm-ups, %.1f s)%n",
          pipelineRate,
          rounds,
          warmups,
          median(pipeline));
      System.out.printf(
          Locale.ROOT,
          "cpu         : raw kafka %.1f s, trainyard %.1f s (medians; all processes, on %d cores)%n",
          median(rawCpu),
          median(pipelineCpu),
          Runtime.getRuntime().availableProcessors());
      System.out.printf(
          Locale.ROOT,
          "ratio       : %.2f (trainyard / raw hop, medians; per round %s; target >= 1.0)%n",
          pipelineRate / rawRate,
          perRound(raw, pipeline));
      List<Long> pids = new java.util.ArrayList<>(stack.pids());
      pids.addAll(services.pids());
      System.out.printf(
          Locale.ROOT,
          "resident    : %.0f MiB (broker + store + 3 services)%n",
          ServiceLauncher.residentBytes(pids) / 1048576.0);
    } finally {
      // The broker's log alone is gigabytes after three rounds; the services' logs are kept
      // only when asked for (-Dbench.keep-logs=true).
      if (Boolean.getBoolean("bench.keep-logs")) {
        io.trainyard.devstack.Folders.deleteQuietly(work.resolve("stack"));
        Files.deleteIfExists(csv);
        System.out.println("logs        : " + work.resolve("logs"));
      } else {
        io.trainyard.devstack.Folders.deleteQuietly(work);
      }
    }
  }

  /**
   * With {@code -Dbench.threads=N}, the N threads of each process that took the most CPU in each
   * pipeline measurement (from /proc/<pid>/task): where a stage's time goes, without a profiler.
   */
  private static final int THREADS = Integer.getInteger("bench.threads", 0);

  /**
   * With {@code -Dbench.windows=true}, each measurement's span on the monotonic clock (seconds, as
   * {@code System.nanoTime()} and {@code perf record -k CLOCK_MONOTONIC} count it), so that a
   * system-wide profile can be cut to the measurements: {@code perf report --time FROM,TO}.
   */
  private static final boolean WINDOWS = Boolean.getBoolean("bench.windows");

  /** Rows per RowChunk in the pipeline's spec ({@code -Dbench.chunk-rows}). */
  private static final int CHUNK_ROWS = Integer.getInteger("bench.chunk-rows", 2000);

  private static void window(String label, String path, long fromNanos) {
    if (WINDOWS) {
      System.out.printf(
          Locale.ROOT,
          "window %s %s %.6f,%.6f%n",
          label,
          path,
          fromNanos / 1e9,
          System.nanoTime() / 1e9);
    }
  }

  /** CPU ticks per "part/thread name" (threads of one name summed). */
  private static Map<String, Long> threadTicks(Map<String, List<Long>> parts) {
    Map<String, Long> ticks = new java.util.TreeMap<>();
    parts.forEach(
        (part, pids) -> {
          for (long pid : pids) {
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
              tasks.forEach(
                  task -> {
                    try {
                      String stat = Files.readString(task.resolve("stat"));
                      String name =
                          stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                              .replaceAll("[0-9]+$", "#");
                      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                      ticks.merge(
                          part + "/" + name,
                          Long.parseLong(f[11]) + Long.parseLong(f[12]),
                          Long::sum);
                    } catch (IOException | RuntimeException e) {
                      // thread gone
                    }
                  });
            } catch (IOException e) {
              // process gone
            }
          }
        });
    return ticks;
  }

  private static void printThreads(Map<String, Long> before, Map<String, Long> after) {
    Map<String, List<Map.Entry<String, Long>>> byPart = new java.util.TreeMap<>();
    after.forEach(
        (key, t) -> {
          long d = t - before.getOrDefault(key, 0L);
          if (d > 0) {
            String part = key.substring(0, key.indexOf('/'));
            byPart
                .computeIfAbsent(part, k -> new java.util.ArrayList<>())
                .add(Map.entry(key.substring(key.indexOf('/') + 1), d));
          }
        });
    byPart.forEach(
        (part, list) -> {
          list.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
          StringBuilder b = new StringBuilder("          " + part + ":");
          list.stream()
              .limit(THREADS)
              .forEach(
                  e ->
                      b.append(
                          String.format(
                              Locale.ROOT,
                              " %s %.2f",
                              e.getKey(),
                              e.getValue() / (double) TICKS_PER_SECOND)));
          System.out.println(b);
        });
  }

  /** Linux's USER_HZ: the unit of the CPU times in /proc/<pid>/stat. */
  private static final int TICKS_PER_SECOND = 100;

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The ratio of each round (raw seconds over pipeline seconds), two decimals, space-separated. */
  static String perRound(double[] raw, double[] pipeline) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < raw.length; i++) {
      b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", raw[i] / pipeline[i]));
    }
    return b.toString();
  }

  /**
   * Waits until {@code pids} together use less than a tenth of a core over half a second (or the
   * timeout passes), from their CPU time in /proc.
   */
  /**
   * Waits until the service at {@code url} reports its warm-up ended (the toolkit's readiness check
   * {@code warm-up}), at most {@code timeout}; says so if it failed or did not end in time.
   */
  static void awaitWarmedUp(String module, String url, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + timeout.toNanos();
    String state = "unknown";
    while (System.nanoTime() < deadline) {
      String body =
          http.send(
                  HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (JsonNode check : json.readTree(body).path("checks")) {
        if ("warm-up".equals(check.path("name").asText())) {
          state = check.at("/data/state").asText();
        }
      }
      if (!state.equals("pending") && !state.equals("running")) {
        break;
      }
      Thread.sleep(500);
    }
    if (!state.equals("done")) {
      System.out.printf("%s: warm-up %s%n", module, state);
    }
  }

  static void awaitQuiet(List<Long> pids, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long before = cpuTicks(pids);
    while (System.nanoTime() < deadline) {
      Thread.sleep(500);
      long now = cpuTicks(pids);
      // under 5 ticks in 0.5 s is under a tenth of a core
      if (before >= 0 && now >= 0 && now - before < 5) {
        return;
      }
      before = now;
    }
  }

  /** CPU ticks of the processes together, from /proc; -1 where there is none. */
  static long cpuTicks(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException | RuntimeException e) {
        return -1; // no /proc: do not wait
      }
    }
    return total;
  }

  /** Two classes separated by a linear rule with noise; a few missing values and outliers. */
  static long writeCsv(Path csv, int rows, int features) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(features * 12);
      for (int f = 0; f < features; f++) {
        line.append('f').append(f).append(',');
      }
      line.append("label\n");
      w.write(line.toString());
      for (int r = 0; r < rows; r++) {
        line.setLength(0);
        double score = 0;
        for (int f = 0; f < features; f++) {
          double v = random.nextGaussian() * (1 + f % 3) + f;
          score += (f % 2 == 0 ? 1 : -1) * (v - f);
          if (random.nextInt(1000) == 0) {
            line.append(',');
            continue;
          }
          if (random.nextInt(2000) == 0) {
            v *= 50;
          }
          line.append(String.format(Locale.ROOT, "%.4f", v)).append(',');
        }
        line.append(score + random.nextGaussian() > 0 ? "pos" : "neg").append('\n');
        w.write(line.toString());
      }
    }
    return Files.size(csv);
  }

  static double rawHop(Stack stack, Path csv, int rows) throws Exception {
    String bootstrap = stack.bootstrapServers();
    String topic = "bench.raw." + UUID.randomUUID();
    // Created before the clock starts, as the pipeline's topics are.
    stack.createTopics(List.of(topic));
    Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("linger.ms", 20);
    p.put("batch.size", 65536);
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
        var lines = Files.lines(csv)) {
      lines
          .skip(1)
          .forEach(
              l -> producer.send(new ProducerRecord<>(topic, l.getBytes(StandardCharsets.UTF_8))));
      producer.flush();
    }
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrap);
    c.put("group.id", "bench-raw");
    c.put("auto.offset.reset", "earliest");
    c.put("max.poll.records", 5000);
    c.put("key.deserializer", ByteArrayDeserializer.class.getName());
    c.put("value.deserializer", ByteArrayDeserializer.class.getName());
    long consumed = 0;
    long end;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      consumer.subscribe(List.of(topic));
      while (consumed < rows) {
        consumed += consumer.poll(Duration.ofMillis(500)).count();
      }
      // The clock stops at the last record, as the pipeline's stops at DatasetPrepared: closing
      // the consumer (leaving the group, a parked fetch) is not part of the hop.
      end = System.nanoTime();
    }
    return (end - start) / 1e9;
  }

  static double pipeline(String bootstrap, String ingestUrl, Path csv, String name)
      throws Exception {
    String spec =
        "{\"name\":\""
            + name
            + "\",\"dataset\":{\"label\":\"label\",\"chunkRows\":"
            + CHUNK_ROWS
            + "},"
            + "\"labeling\":{\"batchSize\":1024}}";
    FileUpload.Multipart body = FileUpload.dataset(spec, false);
    try (DatasetPreparedWait awaiting = new DatasetPreparedWait(bootstrap)) {
      long start = System.nanoTime();
      FileUpload.Response response =
          FileUpload.post(URI.create(ingestUrl + "/datasets"), body, csv);
      System.out.printf(
          Locale.ROOT,
          "ingest      : HTTP %d after %.1f s%n",
          response.status(),
          (System.nanoTime() - start) / 1e9);
      if (response.status() != 201) {
        throw new IllegalStateException("ingest refused the data: " + response.body());
      }
      DatasetPrepared prepared = awaiting.await(name, Duration.ofMinutes(30));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "prepared    : %,d train / %,d validation / %,d test rows in %,d batches%n",
          prepared.getTrain().getRows(),
          prepared.getValidation().getRows(),
          prepared.getTest().getRows(),
          prepared.getTrain().getBatches()
              + prepared.getValidation().getBatches()
              + prepared.getTest().getBatches());
      return seconds;
    }
  }

  /** The checkout the harness runs in. */
  static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("devstack")) && Files.isDirectory(dir.resolve("data"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("run from inside the Trainyard checkout");
  }
}
