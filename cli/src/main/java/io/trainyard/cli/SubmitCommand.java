package io.trainyard.cli;

import io.trainyard.cli.stack.Addresses;
import io.trainyard.cli.submit.IngestClient;
import io.trainyard.cli.submit.Upload;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trainyard submit}: uploads a CSV data set with its pipeline spec. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = "Upload a CSV data set and its pipeline spec to ingest (POST /datasets).")
public class SubmitCommand implements Callable<Integer> {

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "CSV file with a header row")
  Path data;

  @Option(
      names = "--spec",
      required = true,
      paramLabel = "FILE",
      description = "pipeline spec, YAML or JSON")
  Path spec;

  @Option(
      names = "--ingest-url",
      paramLabel = "URL",
      description =
          "ingest service (default: env TRAINYARD_INGEST_URL, else the stack of 'trainyard up')")
  String ingestUrl;

  @Option(
      names = "--watch",
      description = "then follow the new version until its model is registered")
  boolean watch;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description =
          "Kafka bootstrap servers, for --watch (default: env TRAINYARD_BOOTSTRAP_SERVERS, else"
              + " the stack of 'trainyard up')")
  String bootstrapServers;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      description = "how long --watch waits (default: ${DEFAULT-VALUE})")
  String timeout;

  @Override
  public Integer call() {
    for (Path f : new Path[] {data, spec}) {
      if (!Files.isRegularFile(f)) {
        System.err.println("no such file: " + f);
        return ExitCodes.USAGE;
      }
    }
    Duration limit;
    try {
      limit = Units.parseDuration(timeout);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    // Both addresses first, so that a --watch without a broker address fails before the upload.
    String ingest;
    String kafka;
    try {
      Addresses addresses = Addresses.here();
      ingest = addresses.of(Addresses.Target.INGEST, ingestUrl);
      kafka = watch ? addresses.of(Addresses.Target.KAFKA, bootstrapServers) : null;
    } catch (Addresses.Missing e) {
      System.err.println(e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    Upload upload;
    try {
      upload = new IngestClient(ingest).submit(data, spec);
    } catch (ConnectException e) {
      System.err.println("cannot reach ingest at " + ingest + " (is it running?)");
      return ExitCodes.UNAVAILABLE;
    } catch (IOException e) {
      System.err.println("upload to " + ingest + " failed: " + e);
      return ExitCodes.UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILED;
    } catch (IllegalArgumentException e) {
      System.err.println("bad ingest URL '" + ingest + "': " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (!upload.accepted()) {
      System.err.println(upload.summary());
      return ExitCodes.FAILED;
    }
    System.out.println(upload.summary());
    if (!watch) {
      return ExitCodes.OK;
    }
    return WatchCommand.watch(
        kafka, upload.datasetId(), upload.version(), limit, System.out, System.err);
  }
}
