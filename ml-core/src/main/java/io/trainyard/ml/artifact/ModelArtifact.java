package io.trainyard.ml.artifact;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained model as one byte array: a zip holding {@value #MANIFEST_ENTRY} (the {@link
 * ModelManifest} as JSON) and {@value #PARAMETERS_ENTRY} (the block's parameters as DJL's {@code
 * Block.saveParameters} writes them). Entries carry a fixed time and order, so the same model
 * always gives the same bytes and so the same {@link #sha256() content address}.
 *
 * @param manifest what the model is
 * @param parameters the DJL parameter stream
 */
public record ModelArtifact(ModelManifest manifest, byte[] parameters) {

  /** The format name, also written into {@code ArtifactRef.format}. */
  public static final String FORMAT = "trainyard-djl-zip/v1";

  public static final String MANIFEST_ENTRY = "manifest.json";
  public static final String PARAMETERS_ENTRY = "parameters.djl";

  /** 2020-01-01T00:00:00Z: a fixed entry time keeps the bytes reproducible. */
  private static final long ENTRY_TIME = 1_577_836_800_000L;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public ModelArtifact {
    if (manifest == null || parameters == null) {
      throw new IllegalArgumentException("an artifact needs a manifest and parameters");
    }
  }

  /** The zip bytes. */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(parameters.length + 4096);
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      put(zip, MANIFEST_ENTRY, JSON.writeValueAsBytes(manifest));
      put(zip, PARAMETERS_ENTRY, parameters);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** SHA-256 of {@link #toBytes()}. */
  public String sha256() {
    return ContentHash.sha256(toBytes());
  }

  /**
   * Reads the bytes {@link #toBytes()} wrote.
   *
   * @throws IllegalArgumentException when they are not a model artifact
   */
  public static ModelArtifact fromBytes(byte[] bytes) {
    ModelManifest manifest = null;
    byte[] parameters = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        switch (entry.getName()) {
          case MANIFEST_ENTRY -> manifest = JSON.readValue(zip.readAllBytes(), ModelManifest.class);
          case PARAMETERS_ENTRY -> parameters = zip.readAllBytes();
          default -> {
            // entries of later formats are ignored
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a model artifact: " + e.getMessage(), e);
    }
    if (manifest == null || parameters == null) {
      throw new IllegalArgumentException(
          "not a model artifact: needs " + MANIFEST_ENTRY + " and " + PARAMETERS_ENTRY);
    }
    if (!FORMAT.equals(manifest.format())) {
      throw new IllegalArgumentException(
          "unsupported artifact format '" + manifest.format() + "'; this reader knows " + FORMAT);
    }
    return new ModelArtifact(manifest, parameters);
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(ENTRY_TIME);
    zip.putNextEntry(entry);
    zip.write(content);
    zip.closeEntry();
  }
}
