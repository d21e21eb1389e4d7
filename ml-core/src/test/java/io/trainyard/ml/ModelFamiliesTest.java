package io.trainyard.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFamiliesTest {

  @Test
  void mlpHasLinearAndReluPerHiddenLayerThenLinearToTheClasses() {
    SequentialBlock block = ModelFamilies.mlp(List.of(32, 16), 3);
    assertThat(block.getChildren().size()).isEqualTo(5); // Linear ReLU Linear ReLU Linear
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 30));
      List<Shape> shapes =
          block.getParameters().stream().map(Pair::getValue).map(Parameter::getShape).toList();
      // weight (out, in) and bias (out) per Linear
      assertThat(shapes)
          .containsExactly(
              new Shape(32, 30),
              new Shape(32),
              new Shape(16, 32),
              new Shape(16),
              new Shape(3, 16),
              new Shape(3));
      assertThat(block.getOutputShapes(new Shape[] {new Shape(5, 30)}))
          .containsExactly(new Shape(5, 3));
    }
  }

  @Test
  void dropoutFollowsEachHiddenLayerAndWorksInTrainingOnly() {
    Block block = ModelFamilies.build("mlp", List.of(64, 64), 2, 0.5);
    assertThat(((SequentialBlock) block).getChildren().size()).isEqualTo(7);
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 8));
      ParameterStore ps = new ParameterStore(manager, false);
      NDArray x = manager.ones(new Shape(4, 8));
      NDArray a = block.forward(ps, new NDList(x), true).singletonOrThrow();
      NDArray b = block.forward(ps, new NDList(x), true).singletonOrThrow();
      NDArray c = block.forward(ps, new NDList(x), false).singletonOrThrow();
      NDArray d = block.forward(ps, new NDList(x), false).singletonOrThrow();
      assertThat(a.toFloatArray()).isNotEqualTo(b.toFloatArray()); // other units dropped
      assertThat(c.toFloatArray()).isEqualTo(d.toFloatArray()); // every unit, every time
    }
    assertThatThrownBy(() -> ModelFamilies.build("mlp", List.of(4), 2, 1.0))
        .hasMessageContaining("dropout");
  }

  @Test
  void buildKnowsOnlyTheMlpFamily() {
    Block block = ModelFamilies.build("mlp", List.of(4), 2);
    assertThat(block).isInstanceOf(SequentialBlock.class);
    assertThatThrownBy(() -> ModelFamilies.build("cnn", List.of(4), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cnn");
    assertThatThrownBy(() -> ModelFamilies.mlp(List.of(), 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelFamilies.mlp(List.of(4), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void initializersByName() {
    assertThat(Initializers.of("xavier")).isNotNull();
    assertThat(Initializers.of("normal")).isNotNull();
    assertThat(Initializers.of("uniform")).isNotNull();
    assertThat(Initializers.of("kaiming")).isNotNull();
    assertThat(Initializers.of("")).isNotNull();
    assertThatThrownBy(() -> Initializers.of("zeros")).isInstanceOf(IllegalArgumentException.class);
  }
}
