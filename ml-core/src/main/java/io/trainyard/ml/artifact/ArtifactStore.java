package io.trainyard.ml.artifact;

import io.trainyard.contracts.events.v1.ArtifactRef;
import java.util.Optional;

/**
 * Where model artifacts live. Content-addressed: an artifact's id is its SHA-256, it is written
 * once, and writing the same bytes again returns the same reference without storing a second copy.
 */
public interface ArtifactStore {

  /** Stores {@code bytes} (once) and returns where they are. */
  ArtifactRef put(byte[] bytes, String format);

  /** The bytes stored under {@code id}, if any. */
  Optional<byte[]> get(String id);

  /** The bytes stored under {@code id}. */
  default byte[] require(String id) {
    return get(id).orElseThrow(() -> new IllegalStateException("no artifact with id " + id));
  }

  /** Stores a model artifact. */
  default ArtifactRef put(ModelArtifact artifact) {
    return put(artifact.toBytes(), ModelArtifact.FORMAT);
  }
}
