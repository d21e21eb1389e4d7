package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.toolkit.wire.ChunkView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels and encodes cleaned chunks and routes their rows to one {@link BatchBuilder} per split.
 * Unlabeled rows (and rows without a split) are skipped and counted.
 */
public final class Labeler {

  private final FeatureEncoder encoder;
  private final LabelSource labels;
  private final BatchBuilder[] builders = new BatchBuilder[4];
  private final long[] classCounts;
  private long unlabeled;
  private long unassigned;
  private long rowsIn;
  private float[] buffer;

  /**
   * @param sink receives every batch of every split, as each fills up, in wire format
   */
  public Labeler(
      FeatureEncoder encoder,
      LabelSource labels,
      DatasetRef ref,
      int batchSize,
      BatchBuilder.Sink sink) {
    this.encoder = encoder;
    this.labels = labels;
    this.classCounts = new long[labels.classes().size()];
    for (Split s : List.of(Split.TRAIN, Split.VALIDATION, Split.TEST)) {
      builders[s.getNumber()] = new BatchBuilder(ref, s, batchSize, encoder.features(), sink);
    }
  }

  /** Labels, encodes and batches one cleaned chunk (a message: tests). */
  public void accept(RowChunk chunk) {
    accept(ChunkView.of(chunk));
  }

  /** Labels, encodes and batches one cleaned chunk. */
  public void accept(ChunkView chunk) {
    int n = chunk.rows();
    int[] splits = chunk.splits();
    if (splits.length != n) {
      throw new IllegalStateException(
          "chunk " + chunk.chunkIndex() + " has " + n + " rows but " + splits.length + " splits");
    }
    int[] y = labels.labels(chunk);
    buffer = encoder.encode(chunk, buffer);
    long[] ids = chunk.rowIds();
    rowsIn += n;
    for (int i = 0; i < n; i++) {
      if (y[i] < 0) {
        unlabeled++;
        continue;
      }
      int s = splits[i];
      if (s < Split.TRAIN_VALUE || s > Split.TEST_VALUE) {
        unassigned++;
        continue;
      }
      builders[s].add(buffer, i, y[i], ids[i]);
      classCounts[y[i]]++;
    }
  }

  /** Emits every split's partial last batch. */
  public void finish() {
    for (int s = Split.TRAIN_VALUE; s <= Split.TEST_VALUE; s++) {
      builders[s].flush();
    }
  }

  public BatchBuilder split(Split split) {
    return builders[split.getNumber()];
  }

  /** Rows read, labeled or not. */
  public long rowsIn() {
    return rowsIn;
  }

  /** Rows in batches, all splits. */
  public long rowsOut() {
    return builders[1].rows() + builders[2].rows() + builders[3].rows();
  }

  public long unlabeled() {
    return unlabeled;
  }

  public long unassigned() {
    return unassigned;
  }

  /** Rows in batches per class name (every class listed, zeros included). */
  public Map<String, Long> classCounts() {
    Map<String, Long> out = new LinkedHashMap<>();
    List<String> classes = labels.classes();
    for (int i = 0; i < classes.size(); i++) {
      out.put(classes.get(i), classCounts[i]);
    }
    return out;
  }
}
