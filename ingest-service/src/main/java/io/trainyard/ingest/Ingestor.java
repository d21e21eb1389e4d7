package io.trainyard.ingest;

import com.google.protobuf.Timestamp;
import io.micrometer.core.instrument.Timer;
import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.SplitCounts;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.ingest.config.IngestConfig;
import io.trainyard.ingest.scan.ChunkEncoder;
import io.trainyard.ingest.scan.ChunkSpool;
import io.trainyard.ingest.scan.DatasetScanner;
import io.trainyard.ingest.scan.InvalidDataException;
import io.trainyard.ingest.scan.ParsePool;
import io.trainyard.ingest.scan.Scan;
import io.trainyard.ingest.scan.SpoolMemory;
import io.trainyard.ingest.split.Splitter;
import io.trainyard.ingest.versions.DatasetRecord;
import io.trainyard.ingest.versions.DatasetRepository;
import io.trainyard.toolkit.messaging.RangeWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns one upload (a pipeline spec and a CSV file) into a sealed data set version: validates the
 * spec, reads the whole CSV once to validate it and infer its schema, keeping what it read of every
 * cell in a temporary spool (nothing is published before that pass accepts the whole file), assigns
 * splits, allocates the version, then publishes DatasetOpened, the RowChunks (written in wire
 * format from the spool, {@link ChunkEncoder}) and DatasetSealed, and records the version in the
 * repository.
 */
public final class Ingestor {

  private static final Logger LOG = Logger.getLogger(Ingestor.class);

  private final DatasetRepository repository;
  private final DatasetEvents events;
  private final IngestConfig config;
  private final IngestMetrics metrics;
  private final SpoolMemory spoolMemory;
  private final ParsePool parsers;

  public Ingestor(
      DatasetRepository repository,
      DatasetEvents events,
      IngestConfig config,
      IngestMetrics metrics,
      SpoolMemory spoolMemory,
      ParsePool parsers) {
    this.repository = repository;
    this.events = events;
    this.config = config;
    this.metrics = metrics;
    this.spoolMemory = spoolMemory;
    this.parsers = parsers;
  }

  /**
   * Ingests an upload.
   *
   * @param specText the pipeline spec, JSON or YAML
   * @param csv the uploaded CSV file (read twice)
   * @param source where the data came from, for DatasetOpened (e.g. the file name)
   * @throws SpecException the spec is invalid (400)
   * @throws InvalidDataException the CSV is malformed (400)
   * @throws NotEnoughDataException the CSV is valid but cannot make a data set (422)
   * @throws PublishFailedException the broker or the store failed (503)
   */
  public DatasetRecord ingest(String specText, Path csv, String source) {
    try (InputStream in = Files.newInputStream(csv)) {
      return ingest(specText, in, source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded file", e);
    }
  }

  /**
   * As {@link #ingest(String, Path, String)}, reading the CSV (UTF-8) from a stream once, for
   * example while it is still being uploaded.
   */
  public DatasetRecord ingest(String specText, InputStream csv, String source) {
    Timer.Sample sample = Timer.start();
    try (ChunkSpool spool = ChunkSpool.create(spoolDir(), spoolMemory)) {
      return doIngest(specText, csv, source, spool);
    } finally {
      sample.stop(metrics.duration());
    }
  }

  private Path spoolDir() {
    return Path.of(config.spoolDir().orElse(System.getProperty("java.io.tmpdir")));
  }

  private DatasetRecord doIngest(
      String specText, InputStream csv, String source, ChunkSpool spool) {
    long started = System.nanoTime();
    PipelineSpec spec;
    Scan scan;
    Splitter.Assignment split;
    try {
      spec = SpecParser.parse(specText);
      scan = new DatasetScanner(config.maxCategories(), parsers).scan(csv, spec, spool);
      split = check(spec, scan);
    } catch (SpecException e) {
      metrics.rejected(IngestMetrics.Reason.SPEC);
      throw e;
    } catch (InvalidDataException e) {
      metrics.rejected(IngestMetrics.Reason.CSV);
      throw e;
    } catch (NotEnoughDataException e) {
      metrics.rejected(IngestMetrics.Reason.NOT_ENOUGH_DATA);
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded file", e);
    }

    long scanned = System.nanoTime();
    String datasetId = spec.name();
    String specJson = SpecParser.toCanonicalJson(spec);
    DatasetSchema schema = scan.schema();
    DatasetRecord record;
    try {
      int version = repository.nextVersion(datasetId);
      record = open(datasetId, version, SpecParser.hash(spec), specJson, source, scan, split);
      repository.insert(record);
    } catch (RuntimeException e) {
      metrics.failed();
      throw new PublishFailedException("cannot record the data set: " + e.getMessage(), e);
    }
    DatasetRef ref =
        DatasetRef.newBuilder()
            .setDatasetId(datasetId)
            .setVersion(record.version())
            .setSpecHash(record.specHash())
            .build();
    try {
      DatasetEvents.Pending opened =
          events.opened(
              datasetId,
              DatasetOpened.newBuilder()
                  .setEventId(controlEventId(ref, "opened"))
                  .setDataset(ref)
                  .setName(datasetId)
                  .setSpecJson(specJson)
                  .setSchema(schema)
                  .setSource(source == null ? "" : source)
                  .setOpenedAt(timestamp(record.openedAt()))
                  .build());

      // The chunks come from what the first pass spooled, already in wire format: the CSV is
      // not parsed twice.
      long chunksStarted = System.nanoTime();
      ChunkEncoder encoder = new ChunkEncoder(scan, spool, ref, split, spec.dataset().chunkRows());
      RangeWriter writer = events.chunks(inFlight(spec, schema));
      long chunks = encoder.chunkCount();
      for (long k = 0; k < chunks; k++) {
        writer.send(datasetId, encoder.eventId(k), encoder.encode(k));
      }
      List<OffsetRange> ranges = writer.finish();
      long published = System.nanoTime();
      opened.await();

      Instant sealedAt = Instant.now();
      events.sealed(
          datasetId,
          DatasetSealed.newBuilder()
              .setEventId(controlEventId(ref, "sealed"))
              .setDataset(ref)
              .setSpecJson(specJson)
              .setSchema(schema)
              .setRowCount(scan.rows())
              .setChunkCount(chunks)
              .setSplitCounts(
                  SplitCounts.newBuilder()
                      .setTrain(split.counts().train())
                      .setValidation(split.counts().validation())
                      .setTest(split.counts().test()))
              .putAllLabelCounts(scan.labelCounts())
              .addAllChunks(ranges)
              .setSealedAt(timestamp(sealedAt))
              .build());
      List<DatasetRecord.Range> stored = new ArrayList<>();
      for (OffsetRange r : ranges) {
        stored.add(
            new DatasetRecord.Range(
                r.getTopic(), r.getPartition(), r.getFromOffset(), r.getToOffset()));
      }
      DatasetRecord sealed = record.sealed(chunks, stored, sealedAt);
      repository.update(sealed);
      metrics.sealed(scan.rows(), chunks);
      LOG.infof(
          "sealed %s v%d: %d rows in %d chunks, splits %s; validated in %d ms, published in %d ms"
              + " (chunks %d ms)",
          datasetId,
          record.version(),
          scan.rows(),
          chunks,
          split.counts(),
          (scanned - started) / 1_000_000,
          (System.nanoTime() - scanned) / 1_000_000,
          (published - chunksStarted) / 1_000_000);
      return sealed;
    } catch (RuntimeException e) {
      metrics.failed();
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.errorf(e, "publishing %s v%d failed", datasetId, record.version());
      try {
        repository.update(record.failed(why));
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw new PublishFailedException(
          "publishing " + datasetId + " v" + record.version() + " failed: " + why, e);
    }
  }

  /** The 422 checks, then the split (itself checked for empty splits). */
  static Splitter.Assignment check(PipelineSpec spec, Scan scan) {
    int minRows = spec.dataset().minRows();
    if (scan.rows() < minRows) {
      throw new NotEnoughDataException(
          scan.rows() + " rows, dataset.minRows asks for at least " + minRows);
    }
    boolean labelled = scan.labelIndex() >= 0;
    if (labelled && scan.classes().length < 2) {
      throw new NotEnoughDataException(
          "the label column '"
              + scan.labelColumn()
              + "' has "
              + scan.classes().length
              + " class"
              + (scan.classes().length == 1 ? " ('" + scan.classes()[0] + "')" : "es")
              + "; at least 2 are needed");
    }
    int maxClasses = spec.dataset().maxClasses();
    if (labelled && scan.classes().length > maxClasses) {
      throw new TooManyClassesException(
          "the label column '"
              + scan.labelColumn()
              + "' has "
              + scan.classes().length
              + " distinct values, more than the "
              + maxClasses
              + " classes dataset.maxClasses allows; a numeric target with many values is a regression target, which the"
              + " trainer does not train yet");
    }
    boolean stratify = labelled && spec.split().stratify();
    Splitter.Assignment split =
        Splitter.assign(
            spec.name(),
            scan.rows(),
            stratify ? scan.rowLabels() : null,
            scan.classes().length,
            spec.split());
    Splitter.Counts c = split.counts();
    checkSplit("train", c.train(), spec.split().train(), scan.rows());
    checkSplit("validation", c.validation(), spec.split().validation(), scan.rows());
    checkSplit("test", c.test(), spec.split().test(), scan.rows());
    return split;
  }

  private static void checkSplit(String name, long rows, double fraction, long total) {
    if (rows == 0 && fraction > 0) {
      throw new NotEnoughDataException(
          "the "
              + name
              + " split is empty ("
              + total
              + " rows, split."
              + name
              + " = "
              + fraction
              + ")");
    }
  }

  private DatasetRecord open(
      String datasetId,
      int version,
      String specHash,
      String specJson,
      String source,
      Scan scan,
      Splitter.Assignment split) {
    List<DatasetRecord.Column> columns = new ArrayList<>();
    for (ColumnSchema c : scan.schema().getColumnsList()) {
      columns.add(new DatasetRecord.Column(c.getName(), c.getKind().name(), c.getCategoriesList()));
    }
    Map<String, Long> labelCounts = scan.labelCounts();
    return new DatasetRecord(
        datasetId,
        version,
        specHash,
        specJson,
        DatasetRecord.State.OPEN,
        source,
        columns,
        scan.labelColumn(),
        scan.rows(),
        scan.unlabeled(),
        new DatasetRecord.Splits(
            split.counts().train(), split.counts().validation(), split.counts().test()),
        labelCounts,
        0,
        List.of(),
        Instant.now(),
        null,
        null);
  }

  /**
   * Chunks in flight: the configured count, lowered so that their estimated size stays under the
   * configured bytes (8 bytes per number, about 16 per string cell, 12 per row id and split).
   */
  int inFlight(PipelineSpec spec, DatasetSchema schema) {
    long perRow = 12;
    for (ColumnSchema c : schema.getColumnsList()) {
      perRow += c.getKind() == ColumnKind.NUMERIC ? 9 : 16;
    }
    long perChunk = perRow * spec.dataset().chunkRows() + 256;
    long byBytes = Math.max(1, config.maxInFlightBytes() / perChunk);
    return (int) Math.max(1, Math.min(config.maxInFlightChunks(), byBytes));
  }

  /** Stable event ids: a re-sent event is recognised downstream. */
  static String controlEventId(DatasetRef ref, String what) {
    return ref.getDatasetId() + "/v" + ref.getVersion() + "/" + what;
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
