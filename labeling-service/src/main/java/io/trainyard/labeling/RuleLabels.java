package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.toolkit.wire.ChunkView;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels made by a {@link LabelRule} from RAW values: fed the raw chunks first (row id to class),
 * then asked for the cleaned chunks' rows. Row ids are 1..n at ingest, so the map is a byte per row
 * id (ids outside the dense range go to a small overflow map).
 */
public final class RuleLabels implements LabelSource {

  private static final int DENSE_MAX = 1 << 27;

  private final LabelRule rule;
  private final boolean ruleOnLabel;
  private byte[] dense; // class index + 1; 0 = no label
  private final Map<Long, Byte> overflow = new HashMap<>();

  /**
   * @param ruleOnLabel the rule's column is the label column (its raw values are the labels' text)
   * @param expectedRows a size hint (row ids are expected in 1..expectedRows)
   */
  public RuleLabels(LabelRule rule, boolean ruleOnLabel, long expectedRows) {
    this.rule = rule;
    this.ruleOnLabel = ruleOnLabel;
    this.dense = new byte[(int) Math.min(DENSE_MAX, Math.max(1024, expectedRows + 1))];
  }

  /** Applies the rule to a raw chunk's rows. */
  public void acceptRaw(RowChunk raw) {
    acceptRaw(ChunkView.of(raw));
  }

  /** Applies the rule to a raw chunk's rows. */
  public void acceptRaw(ChunkView raw) {
    int n = raw.rows();
    long[] ids = raw.rowIds();
    if (ruleOnLabel) {
      String[] labels = raw.labels();
      if (labels.length != n) {
        throw new IllegalStateException(
            "raw chunk " + raw.chunkIndex() + " has no labels for the rule's column");
      }
      for (int i = 0; i < n; i++) {
        put(ids[i], rule.classOf(labels[i]));
      }
      return;
    }
    if (raw.hasNumeric(rule.column())) {
      double[] values = raw.numeric(rule.column(), -1);
      for (int i = 0; i < n; i++) {
        put(ids[i], rule.classOf(values[i]));
      }
      return;
    }
    if (raw.hasCategorical(rule.column())) {
      String[] values = raw.categorical(rule.column(), -1);
      for (int i = 0; i < n; i++) {
        put(ids[i], rule.classOf(values[i]));
      }
      return;
    }
    throw new IllegalStateException(
        "raw chunk " + raw.chunkIndex() + " has no column '" + rule.column() + "' for the rule");
  }

  private void put(long rowId, int cls) {
    byte v = (byte) (cls + 1);
    if (rowId >= 0 && rowId < DENSE_MAX) {
      if (rowId >= dense.length) {
        dense =
            Arrays.copyOf(dense, (int) Math.min(DENSE_MAX, Math.max(rowId + 1, dense.length * 2L)));
      }
      dense[(int) rowId] = v;
    } else {
      overflow.put(rowId, v);
    }
  }

  /** The class index of a row, -1 when it has none. */
  public int classOf(long rowId) {
    if (rowId >= 0 && rowId < dense.length) {
      return dense[(int) rowId] - 1;
    }
    Byte v = overflow.get(rowId);
    return v == null ? -1 : v - 1;
  }

  @Override
  public List<String> classes() {
    return rule.classes();
  }

  @Override
  public int[] labels(ChunkView chunk) {
    long[] ids = chunk.rowIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = classOf(ids[i]);
    }
    return out;
  }

  @Override
  public boolean byRule() {
    return true;
  }
}
