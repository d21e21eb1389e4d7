package io.trainyard.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy with a weight per class, as PyTorch's {@code CrossEntropyLoss(weight=w)}
 * reduces it: {@code sum_i w[y_i] * -log p_i[y_i] / sum_i w[y_i]}. DJL's own cross-entropy takes no
 * class weights. With every weight 1 it is the plain mean cross-entropy.
 */
final class WeightedCrossEntropy extends Loss {

  private final float[] weights;

  /**
   * @param weights one weight per class, in class-index order, each above 0
   */
  WeightedCrossEntropy(float[] weights) {
    super("WeightedSoftmaxCrossEntropy");
    this.weights = weights.clone();
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.singletonOrThrow();
    NDArray y = labels.singletonOrThrow();
    int classes = weights.length;
    NDArray oneHot = y.oneHot(classes).toType(logits.getDataType(), false);
    NDArray perRowWeight = oneHot.mul(logits.getManager().create(weights)).sum(new int[] {1});
    NDArray nll = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
    return nll.mul(perRowWeight).sum().div(perRowWeight.sum());
  }
}
