package io.trainyard.ml.artifact;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a model artifact says about itself, enough to rebuild its block and read its outputs: the
 * family and layer sizes, the feature names its input expects (in order) and the class names its
 * outputs stand for (in order).
 *
 * @param format the artifact format ({@link ModelArtifact#FORMAT})
 * @param family the model family ({@link io.trainyard.ml.ModelFamilies})
 * @param hiddenUnits units per hidden layer
 * @param featureNames input features, in column order
 * @param classes output classes, in index order
 * @param createdBy what wrote it (service and library versions)
 */
public record ModelManifest(
    @JsonProperty("format") String format,
    @JsonProperty("family") String family,
    @JsonProperty("hidden_units") List<Integer> hiddenUnits,
    @JsonProperty("feature_names") List<String> featureNames,
    @JsonProperty("classes") List<String> classes,
    @JsonProperty("created_by") String createdBy) {

  public ModelManifest {
    format = format == null ? ModelArtifact.FORMAT : format;
    hiddenUnits = hiddenUnits == null ? List.of() : List.copyOf(hiddenUnits);
    featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
    classes = classes == null ? List.of() : List.copyOf(classes);
  }

  /** A manifest in the current format. */
  public static ModelManifest of(
      String family,
      List<Integer> hiddenUnits,
      List<String> featureNames,
      List<String> classes,
      String createdBy) {
    return new ModelManifest(
        ModelArtifact.FORMAT, family, hiddenUnits, featureNames, classes, createdBy);
  }
}
