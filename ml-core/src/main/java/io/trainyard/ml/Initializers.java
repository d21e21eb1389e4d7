package io.trainyard.ml;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.Set;

/**
 * Weight initializers by the names a pipeline spec uses. Biases always start at zero (DJL's
 * default).
 */
public final class Initializers {

  public static final String XAVIER = "xavier";
  public static final String NORMAL = "normal";
  public static final String UNIFORM = "uniform";
  public static final String KAIMING = "kaiming";

  /** Every name {@link #of(String)} knows. */
  public static final Set<String> ALL = Set.of(XAVIER, NORMAL, UNIFORM, KAIMING);

  private Initializers() {}

  /**
   * The initializer for {@code name}: {@code xavier} (Glorot uniform, DJL's default settings),
   * {@code normal} (N(0, 0.01²)), {@code uniform} (U(−0.07, 0.07)) or {@code kaiming} (He's normal
   * for ReLU layers: N(0, 2 / fan_in), as PyTorch's {@code kaiming_normal_}); an empty name means
   * xavier.
   */
  public static Initializer of(String name) {
    String n = name == null || name.isBlank() ? XAVIER : name;
    return switch (n) {
      case XAVIER -> new XavierInitializer();
      case NORMAL -> new NormalInitializer(0.01f);
      case UNIFORM -> new UniformInitializer(0.07f);
      case KAIMING ->
          new XavierInitializer(
              XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2);
      default ->
          throw new IllegalArgumentException(
              "unknown initializer '" + name + "'; known: " + ALL.stream().sorted().toList());
    };
  }
}
