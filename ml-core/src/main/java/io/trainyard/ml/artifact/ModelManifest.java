package io.trainyard.ml.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param dropout the dropout rate after each hidden layer (0: none, and left out of the JSON, so a
 *     manifest without it reads as before)
 */
public record ModelManifest(
    @JsonProperty("format") String format,
    @JsonProperty("family") String family,
    @JsonProperty("hidden_units") List<Integer> hiddenUnits,
    @JsonProperty("feature_names") List<String> featureNames,
    @JsonProperty("classes") List<String> classes,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("dropout") @JsonInclude(JsonInclude.Include.NON_DEFAULT) double dropout) {

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
    return of(family, hiddenUnits, featureNames, classes, createdBy, 0);
  }

  /** A manifest in the current format, of a model with dropout. */
  public static ModelManifest of(
      String family,
      List<Integer> hiddenUnits,
      List<String> featureNames,
      List<String> classes,
      String createdBy,
      double dropout) {
    return new ModelManifest(
        ModelArtifact.FORMAT, family, hiddenUnits, featureNames, classes, createdBy, dropout);
  }
}
