package io.trainyard.ml.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelArtifactTest {

  private static final ModelManifest MANIFEST =
      ModelManifest.of("mlp", List.of(8), List.of("a", "b"), List.of("no", "yes"), "test");

  @Test
  void sha256MatchesTheStandardTestVectors() {
    // FIPS 180-2 example "abc", and the empty string
    assertThat(ContentHash.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(ContentHash.sha256(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void roundTripsAndGivesTheSameBytesEveryTime() {
    ModelArtifact a = new ModelArtifact(MANIFEST, new byte[] {1, 2, 3, 4});
    byte[] bytes = a.toBytes();
    assertThat(a.toBytes()).isEqualTo(bytes);
    assertThat(a.sha256()).isEqualTo(ContentHash.sha256(bytes)).hasSize(64);

    ModelArtifact b = ModelArtifact.fromBytes(bytes);
    assertThat(b.manifest()).isEqualTo(MANIFEST);
    assertThat(b.manifest().format()).isEqualTo(ModelArtifact.FORMAT);
    assertThat(b.parameters()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void theDropoutRateRoundTrips() {
    ModelManifest withDropout =
        ModelManifest.of("mlp", List.of(8), List.of("a", "b"), List.of("no", "yes"), "test", 0.3);
    ModelArtifact a = new ModelArtifact(withDropout, new byte[] {1, 2, 3, 4});
    assertThat(ModelArtifact.fromBytes(a.toBytes()).manifest().dropout()).isEqualTo(0.3);
    assertThat(MANIFEST.dropout()).isZero();
  }

  @Test
  void differentParametersGiveADifferentAddress() {
    assertThat(new ModelArtifact(MANIFEST, new byte[] {1}).sha256())
        .isNotEqualTo(new ModelArtifact(MANIFEST, new byte[] {2}).sha256());
  }

  @Test
  void refusesWhatIsNotAnArtifact() {
    assertThatThrownBy(() -> ModelArtifact.fromBytes("not a zip".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a model artifact");
    ModelManifest future =
        new ModelManifest("trainyard-djl-zip/v9", "mlp", List.of(8), List.of(), List.of(), "x", 0);
    byte[] bytes = new ModelArtifact(future, new byte[] {1}).toBytes();
    assertThatThrownBy(() -> ModelArtifact.fromBytes(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported artifact format");
  }
}
