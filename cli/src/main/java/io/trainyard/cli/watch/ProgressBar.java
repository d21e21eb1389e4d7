package io.trainyard.cli.watch;

import io.trainyard.contracts.events.v1.EpochCompleted;
import java.util.Locale;

/**
 * The one-line training progress: a bar filled by epoch / max epochs, the epoch count, and the
 * training and validation loss and accuracy of the latest epoch. Redrawn in place with {@code \r}.
 */
public final class ProgressBar {

  /** Characters between the brackets. */
  public static final int WIDTH = 24;

  private ProgressBar() {}

  /** {@code [#########---------------]} for {@code done} of {@code total}. */
  public static String bar(int done, int total, int width) {
    int filled = total <= 0 ? 0 : (int) Math.min(width, Math.max(0, (long) done * width / total));
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
  }

  /**
   * {@code training [#########---------------] 23/60 loss 0.1234 / val 0.1456 acc 0.962 / val
   * 0.947}.
   */
  public static String render(EpochCompleted e) {
    int max = Math.max(e.getMaxEpochs(), e.getEpoch());
    int digits = Integer.toString(max).length();
    return EventLines.label("training")
        + bar(e.getEpoch(), max, WIDTH)
        + String.format(
            Locale.ROOT,
            " %" + digits + "d/%d  loss %.4f / val %.4f  acc %.3f / val %.3f",
            e.getEpoch(),
            max,
            e.getTrainLoss(),
            e.getValidationLoss(),
            e.getTrainAccuracy(),
            e.getValidationAccuracy());
  }
}
