package io.trainyard.ml.predict;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.trainyard.ml.ModelFamilies;
import io.trainyard.ml.artifact.ModelArtifact;
import io.trainyard.ml.artifact.ModelManifest;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;

/**
 * A loaded model artifact that turns feature rows into class probabilities (softmax of the logits).
 * Rebuilds the block from the manifest, loads the parameters, and runs it in inference mode. Holds
 * native memory: close it.
 */
public final class ModelPredictor implements AutoCloseable {

  /** Rows per forward pass. */
  private static final int CHUNK = 4096;

  private final ModelManifest manifest;
  private final NDManager manager;
  private final Block block;
  private final int features;

  private ModelPredictor(ModelManifest manifest, NDManager manager, Block block, int features) {
    this.manifest = manifest;
    this.manager = manager;
    this.block = block;
    this.features = features;
  }

  /** Loads the artifact's bytes on the CPU. */
  public static ModelPredictor load(byte[] artifact) {
    return load(ModelArtifact.fromBytes(artifact), Device.cpu());
  }

  /**
   * Loads an artifact on {@code device}.
   *
   * @throws IllegalArgumentException when the artifact's parameters do not fit its manifest
   */
  public static ModelPredictor load(ModelArtifact artifact, Device device) {
    ModelManifest m = artifact.manifest();
    Block block = ModelFamilies.build(m.family(), m.hiddenUnits(), m.classes().size(), m.dropout());
    NDManager manager = Engine.getInstance().newBaseManager(device);
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(artifact.parameters()))) {
      block.loadParameters(manager, in);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      manager.close();
      throw new IllegalArgumentException(
          "the artifact's parameters do not fit its manifest: " + e.getMessage(), e);
    }
    Shape[] inputs = block.getInputShapes();
    int features =
        inputs != null && inputs.length > 0 ? (int) inputs[0].get(inputs[0].dimension() - 1) : -1;
    if (features < 1) {
      manager.close();
      throw new IllegalArgumentException("the artifact does not record its input shape");
    }
    if (!m.featureNames().isEmpty() && m.featureNames().size() != features) {
      manager.close();
      throw new IllegalArgumentException(
          "the manifest names "
              + m.featureNames().size()
              + " features but the model takes "
              + features);
    }
    return new ModelPredictor(m, manager, block, features);
  }

  public ModelManifest manifest() {
    return manifest;
  }

  /** The class names, in the order of the probabilities. */
  public List<String> classes() {
    return manifest.classes();
  }

  /** Features per input row. */
  public int features() {
    return features;
  }

  /** Class probabilities per row: {@code result[i][c]}, each row summing to 1. */
  public float[][] predictProba(float[][] rows) {
    float[] flat = new float[rows.length * features];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != features) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " features, the model takes " + features);
      }
      System.arraycopy(rows[i], 0, flat, i * features, features);
    }
    return predictProba(flat, rows.length);
  }

  /** Class probabilities for {@code rows} rows given row-major in {@code x}. */
  public float[][] predictProba(float[] x, int rows) {
    if ((long) rows * features != x.length) {
      throw new IllegalArgumentException(
          "expected " + rows + " × " + features + " values, got " + x.length);
    }
    int classes = manifest.classes().size();
    float[][] out = new float[rows][];
    for (int from = 0; from < rows; from += CHUNK) {
      int n = Math.min(CHUNK, rows - from);
      float[] chunk = new float[n * features];
      System.arraycopy(x, from * features, chunk, 0, chunk.length);
      try (NDManager scope = manager.newSubManager()) {
        NDArray input = scope.create(chunk, new Shape(n, features));
        NDList logits = block.forward(new ParameterStore(scope, false), new NDList(input), false);
        float[] p = logits.singletonOrThrow().softmax(1).toFloatArray();
        for (int i = 0; i < n; i++) {
          float[] row = new float[classes];
          System.arraycopy(p, i * classes, row, 0, classes);
          out[from + i] = row;
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
