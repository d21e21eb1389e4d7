package io.trainyard.ingest.scan;

import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.ingest.csv.Cells;
import io.trainyard.ingest.csv.CsvFormatException;
import io.trainyard.ingest.csv.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;

/**
 * The first pass over an upload: reads the whole CSV once, refuses it with the line at fault when
 * it is malformed, and infers the schema. Nothing is published before this pass has accepted the
 * whole file.
 *
 * <p>Schema inference: the spec's {@code dataset.label} column is the LABEL (categories = sorted
 * distinct labels; a missing label leaves the row unlabeled). Every other column is NUMERIC when
 * most (more than half) of its non-missing cells are numbers, else CATEGORICAL (categories = its
 * sorted distinct values); a column with no values at all is CATEGORICAL with no categories, so it
 * adds no feature downstream. In a NUMERIC column up to {@code dataset.maxInvalidValues}
 * non-numeric cells are read as missing; the first one beyond that refuses the upload.
 *
 * <p>Memory: per column a few counters and at most {@code maxCategories} distinct values; per row
 * one int (its label). A categorical (or label) column with more distinct values than that is
 * refused, as no one-hot encoding of it would be useful.
 */
public final class DatasetScanner {

  private final int maxCategories;

  /** The parser threads of {@link #scan(InputStream, PipelineSpec, ChunkSpool)}; null: its own. */
  private final ParsePool parsers;

  /**
   * A scanner whose scans of bytes parse on a pool of their own, started and stopped per scan.
   *
   * @param maxCategories the most distinct values a categorical or label column may have
   */
  public DatasetScanner(int maxCategories) {
    this(maxCategories, null);
  }

  /**
   * A scanner whose scans of bytes parse on {@code parsers}.
   *
   * @param maxCategories the most distinct values a categorical or label column may have
   */
  public DatasetScanner(int maxCategories, ParsePool parsers) {
    this.maxCategories = maxCategories;
    this.parsers = parsers;
  }

  /** Scans a UTF-8 CSV file. */
  public Scan scan(Path csv, PipelineSpec spec) throws IOException {
    try (CsvReader reader = CsvReader.open(csv)) {
      return scan(reader, spec);
    }
  }

  /** Scans CSV text. */
  public Scan scan(Reader csv, PipelineSpec spec) throws IOException {
    try (CsvReader reader = new CsvReader(csv)) {
      return scan(reader, spec);
    }
  }

  /**
   * Scans CSV text and keeps what it read of every cell in {@code spool}, for a publishing pass
   * that does not parse the CSV again ({@link ChunkEncoder}).
   */
  public Scan scan(Reader csv, PipelineSpec spec, ChunkSpool spool) throws IOException {
    try (CsvReader reader = new CsvReader(csv)) {
      return scan(reader, spec, spool);
    }
  }

  /**
   * Scans UTF-8 CSV bytes as {@link #scan(Reader, PipelineSpec, ChunkSpool)} does, with the
   * tokenizing and number parsing spread over the parser threads ({@link ParallelScan}).
   */
  public Scan scan(InputStream csv, PipelineSpec spec, ChunkSpool spool) throws IOException {
    ParallelScan scan =
        parsers == null
            ? new ParallelScan(maxCategories)
            : new ParallelScan(maxCategories, parsers);
    return scan.scan(csv, spec, spool);
  }

  Scan scan(CsvReader reader, PipelineSpec spec) throws IOException {
    return scan(reader, spec, null);
  }

  Scan scan(CsvReader reader, PipelineSpec spec, ChunkSpool spool) throws IOException {
    try {
      return doScan(reader, spec, spool);
    } catch (CsvFormatException e) {
      throw new InvalidDataException(e.line(), e.reason());
    }
  }

  private Scan doScan(CsvReader reader, PipelineSpec spec, ChunkSpool spool) throws IOException {
    if (!reader.next()) {
      throw new InvalidDataException(1, "the file is empty; expected a header row");
    }
    ScanState state = new ScanState(reader, spec, spool, maxCategories);
    int width = state.width();
    int labelIndex = state.labelIndex();
    while (reader.next()) {
      long line = reader.line();
      if (reader.fieldCount() != width) {
        throw new InvalidDataException(
            line, "expected " + width + " fields, found " + reader.fieldCount());
      }
      state.checkRow(line);
      char[] text = reader.chars();
      for (int i = 0; i < width; i++) {
        int from = Cells.trimStart(text, reader.start(i), reader.end(i));
        int to = Cells.trimEnd(text, from, reader.end(i));
        boolean missing = Cells.isMissing(text, from, to);
        if (i == labelIndex) {
          state.label(text, from, to, missing, line);
        } else {
          state.cell(i, text, from, to, missing, line);
        }
      }
      state.endRow();
    }
    return state.finish();
  }
}
