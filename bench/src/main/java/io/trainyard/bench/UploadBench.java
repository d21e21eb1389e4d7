package io.trainyard.bench;

import io.trainyard.contracts.Topics;
import io.trainyard.devstack.DevStack;
import io.trainyard.devstack.ServiceLauncher;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest alone, in several configurations side by side: one ingest process per variant on one
 * devstack, the same CSV uploaded to each in turn (the order rotating from round to round), each
 * upload timed to its HTTP 201. Per variant it prints the medians of the time to 201, of the
 * validating pass as ingest logs it, and of ingest's CPU seconds, and each median's ratio to the
 * first variant's.
 *
 * <p>Usage: {@code UploadBench [rows] [features] [rounds]} (default 1,000,000 x 20, 8 measured
 * rounds after {@code bench.warmups} unmeasured ones) with {@code -Dbench.variants=V;V;...}, each
 * {@code V} being {@code name:spec:key=value,key=value}: the variant's name, how the upload sends
 * the spec ({@code text}: a plain form field, as the CLI does; {@code file}: a file part) and the
 * system properties its ingest process is started with. With {@code -Dbench.pipeline=true} cleaning
 * and labeling run too (one of each, shared by the variants), and each upload is timed to its
 * DatasetPrepared, as {@link PipelineBench} times the pipeline.
 */
public final class UploadBench {

  private UploadBench() {}

  /** One configuration: its name, the spec part's form, its ingest process's properties. */
  record Variant(String name, boolean specAsFile, List<String[]> properties) {

    static Variant parse(String text) {
      String[] f = text.strip().split(":", 3);
      List<String[]> props = new ArrayList<>();
      if (f.length > 2 && !f[2].isBlank()) {
        for (String kv : f[2].split(",")) {
          props.add(kv.split("=", 2));
        }
      }
      return new Variant(f[0], f.length > 1 && f[1].equals("file"), props);
    }
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int features = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int warmups = Integer.getInteger("bench.warmups", 3);
    List<Variant> variants = new ArrayList<>();
    for (String v : System.getProperty("bench.variants", "default:text:").split(";")) {
      variants.add(Variant.parse(v));
    }
    Path root = PipelineBench.projectRoot();
    Path work = Files.createTempDirectory("trainyard-upload-bench-");
    Path csv = work.resolve("synthetic.csv");
    long bytes = PipelineBench.writeCsv(csv, rows, features);
    System.out.printf(
        Locale.ROOT,
        "data: %,d rows x %d numeric features + label, %.1f MiB CSV; variants %s%n",
        rows,
        features,
        bytes / 1048576.0,
        variants.stream().map(Variant::name).toList());

    List<ServiceLauncher> launchers = new ArrayList<>();
    try (DevStack stack = DevStack.start(work.resolve("stack"), false)) {
      stack.createTopics(Topics.ALL);
      List<ServiceLauncher.Running> ingest = new ArrayList<>();
      if (PIPELINE) {
        ServiceLauncher stages = new ServiceLauncher(root, stack, work.resolve("logs-stages"));
        launchers.add(stages);
        stages.start(List.of("cleaning-service", "labeling-service"), Duration.ofMinutes(3));
      }
      for (Variant v : variants) {
        ServiceLauncher launcher =
            new ServiceLauncher(root, stack, work.resolve("logs-" + v.name()));
        launchers.add(launcher);
        v.properties().forEach(kv -> launcher.withProperty(kv[0], kv[1]));
        launcher.start(List.of("ingest-service"), Duration.ofMinutes(3));
        ingest.add(launcher.get("ingest-service"));
      }
      List<Long> involved = new ArrayList<>(stack.pids());
      launchers.forEach(l -> involved.addAll(l.pids()));
      involved.add(ProcessHandle.current().pid());
      PipelineBench.awaitQuiet(involved, Duration.ofSeconds(90));

      int n = variants.size();
      double[][] wall = new double[n][rounds];
      double[][] validated = new double[n][rounds];
      double[][] cpu = new double[n][rounds];
      for (int round = 0; round < warmups + rounds; round++) {
        String label =
            round < warmups ? "warm-up " + (round + 1) : "round " + (round - warmups + 1);
        StringBuilder line = new StringBuilder(label + ":");
        for (int k = 0; k < n; k++) {
          int i = (round + k) % n; // the order rotates, so that no variant always goes first
          Variant v = variants.get(i);
          ServiceLauncher.Running r = ingest.get(i);
          PipelineBench.awaitQuiet(involved, Duration.ofSeconds(30));
          long ticks = PipelineBench.cpuTicks(List.of(r.process().pid()));
          double seconds = timed(stack.bootstrapServers(), r.url(), csv, v.specAsFile());
          double cpuSeconds = (PipelineBench.cpuTicks(List.of(r.process().pid())) - ticks) / 100.0;
          double validatedSeconds = lastValidated(r.log()) / 1000.0;
          line.append(
              String.format(
                  Locale.ROOT,
                  " %s %.2f s (validated %.2f s, %.2f CPU s)",
                  v.name(),
                  seconds,
                  validatedSeconds,
                  cpuSeconds));
          if (round >= warmups) {
            wall[i][round - warmups] = seconds;
            validated[i][round - warmups] = validatedSeconds;
            cpu[i][round - warmups] = cpuSeconds;
          }
        }
        System.out.println(line);
      }
      for (int i = 0; i < n; i++) {
        System.out.printf(
            Locale.ROOT,
            "%-12s: %s %.2f s (%.3f), validated %.2f s (%.3f), ingest CPU %.2f s (%.3f);"
                + " medians of %d rounds (ratio to %s)%n",
            variants.get(i).name(),
            PIPELINE ? "to DatasetPrepared" : "to 201",
            PipelineBench.median(wall[i]),
            PipelineBench.median(wall[i]) / PipelineBench.median(wall[0]),
            PipelineBench.median(validated[i]),
            PipelineBench.median(validated[i]) / PipelineBench.median(validated[0]),
            PipelineBench.median(cpu[i]),
            PipelineBench.median(cpu[i]) / PipelineBench.median(cpu[0]),
            rounds,
            variants.get(0).name());
        System.out.println("              per round " + Arrays.toString(wall[i]));
      }
    } finally {
      launchers.forEach(ServiceLauncher::close);
      io.trainyard.devstack.Folders.deleteQuietly(work);
    }
  }

  /** With {@code -Dbench.pipeline=true}: time each upload to DatasetPrepared, not to HTTP 201. */
  private static final boolean PIPELINE = Boolean.getBoolean("bench.pipeline");

  /** Seconds from the upload's first byte to its 201, or to its DatasetPrepared. */
  static double timed(String bootstrap, String url, Path csv, boolean specAsFile)
      throws IOException {
    String name = "upload-bench-" + Long.toHexString(System.nanoTime());
    if (!PIPELINE) {
      long start = System.nanoTime();
      upload(url, csv, specAsFile, name);
      return (System.nanoTime() - start) / 1e9;
    }
    try (DatasetPreparedWait awaiting = new DatasetPreparedWait(bootstrap)) {
      long start = System.nanoTime();
      upload(url, csv, specAsFile, name);
      awaiting.await(name, Duration.ofMinutes(10));
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /** Posts the CSV as data set {@code name}; fails unless ingest answers 201. */
  static void upload(String url, Path csv, boolean specAsFile, String name) throws IOException {
    String spec =
        "{\"name\":\""
            + name
            + "\",\"dataset\":{\"label\":\"label\",\"chunkRows\":2000},"
            + "\"labeling\":{\"batchSize\":1024}}";
    FileUpload.Response response =
        FileUpload.post(URI.create(url + "/datasets"), FileUpload.dataset(spec, specAsFile), csv);
    if (response.status() != 201) {
      throw new IllegalStateException(
          "ingest answered " + response.status() + ": " + response.body());
    }
  }

  private static final Pattern VALIDATED = Pattern.compile("validated in (\\d+) ms");

  /** The validating pass of the last upload, in ms, from ingest's log line about it. */
  private static long lastValidated(Path log) throws IOException {
    long ms = -1;
    for (String l : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
      Matcher m = VALIDATED.matcher(l);
      if (m.find()) {
        ms = Long.parseLong(m.group(1));
      }
    }
    return ms;
  }
}
