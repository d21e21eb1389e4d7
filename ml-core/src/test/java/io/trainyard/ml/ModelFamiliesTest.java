package io.trainyard.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
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
    assertThat(Initializers.of("")).isNotNull();
    assertThatThrownBy(() -> Initializers.of("zeros")).isInstanceOf(IllegalArgumentException.class);
  }
}
