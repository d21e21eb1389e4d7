package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.toolkit.wire.ChunkView;
import java.util.List;

/** Where the rows' labels come from: the label column, or a rule over raw values. */
public interface LabelSource {

  /** Class names; labels are indexes into this list. */
  List<String> classes();

  /** One class index per row of the (cleaned) chunk; -1 for an unlabeled row. */
  int[] labels(ChunkView chunk);

  /** As {@link #labels(ChunkView)}, for a message. */
  default int[] labels(RowChunk chunk) {
    return labels(ChunkView.of(chunk));
  }

  /** True when the labels come from a rule. */
  boolean byRule();
}
