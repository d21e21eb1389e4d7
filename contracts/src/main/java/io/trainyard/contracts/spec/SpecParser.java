package io.trainyard.contracts.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a pipeline spec from JSON or YAML, refuses unknown keys and bad values with the path of the
 * field, and writes the canonical JSON (sorted keys, defaults filled in) that travels in events.
 */
public final class SpecParser {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");
  private static final Set<String> IMPUTE = Set.of("mean", "median");
  private static final Set<String> OUTLIER_METHODS = Set.of("zscore", "iqr", "none");
  private static final Set<String> OUTLIER_ACTIONS = Set.of("clip", "drop");
  private static final Set<String> SCALE = Set.of("standard", "none");
  private static final Set<String> OPS = Set.of("gt", "ge", "lt", "le", "eq", "ne");
  private static final Set<String> FAMILIES = Set.of("mlp");
  private static final Set<String> OPTIMIZERS =
      Set.of("adam", "adamw", "sgd", "nesterov", "rmsprop", "adagrad");
  private static final Set<String> SCHEDULES =
      Set.of("constant", "step", "multistep", "exponential", "cosine");
  private static final Set<String> INITIALIZERS = Set.of("xavier", "normal", "uniform", "kaiming");
  private static final Set<String> MONITORS =
      Set.of("validation_loss", "validation_accuracy", "train_loss", "train_accuracy");

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  private SpecParser() {}

  /** Parses JSON or YAML (YAML is a superset of JSON, but JSON is tried first for its messages). */
  public static PipelineSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new SpecException("", "the pipeline spec is empty");
    }
    String trimmed = text.strip();
    ObjectMapper mapper = trimmed.startsWith("{") ? JSON : YAML;
    PipelineSpec spec;
    try {
      spec = mapper.readValue(trimmed, PipelineSpec.class);
    } catch (UnrecognizedPropertyException e) {
      throw new SpecException(path(e), "unknown key '" + e.getPropertyName() + "'");
    } catch (JsonMappingException e) {
      throw new SpecException(path(e), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new SpecException(
          "", "not valid " + (mapper == JSON ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
    }
    if (spec == null) {
      throw new SpecException("", "the pipeline spec is empty");
    }
    validate(spec);
    return spec;
  }

  /** Parses the canonical JSON carried in events. */
  public static PipelineSpec fromJson(String json) {
    return parse(json);
  }

  /** Canonical JSON: sorted keys, every default written out. */
  public static String toCanonicalJson(PipelineSpec spec) {
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 (hex) of the canonical JSON. */
  public static String hash(PipelineSpec spec) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(toCanonicalJson(spec).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  static void validate(PipelineSpec s) {
    if (s.name() == null) {
      throw new SpecException("name", "is required");
    }
    if (!NAME.matcher(s.name()).matches()) {
      throw new SpecException(
          "name", "must be lower-case letters, digits and '-' (1-64), got '" + s.name() + "'");
    }
    PipelineSpec.Dataset d = s.dataset();
    range("dataset.chunkRows", d.chunkRows(), 1, 100_000);
    range("dataset.maxInvalidValues", d.maxInvalidValues(), 0, Integer.MAX_VALUE);
    range("dataset.minRows", d.minRows(), 1, Integer.MAX_VALUE);
    range("dataset.maxClasses", d.maxClasses(), 2, 100_000);

    PipelineSpec.Split sp = s.split();
    fraction("split.train", sp.train(), false);
    fraction("split.validation", sp.validation(), true);
    fraction("split.test", sp.test(), false);
    double sum = sp.train() + sp.validation() + sp.test();
    if (Math.abs(sum - 1.0) > 1e-9) {
      throw new SpecException("split", "train + validation + test must be 1, got " + sum);
    }

    PipelineSpec.Cleaning c = s.cleaning();
    oneOf("cleaning.impute", c.impute(), IMPUTE);
    oneOf("cleaning.outliers.method", c.outliers().method(), OUTLIER_METHODS);
    oneOf("cleaning.outliers.action", c.outliers().action(), OUTLIER_ACTIONS);
    positive("cleaning.outliers.threshold", c.outliers().threshold());
    oneOf("cleaning.scale", c.scale(), SCALE);

    PipelineSpec.Labeling l = s.labeling();
    range("labeling.batchSize", l.batchSize(), 1, 65_536);
    if (l.rule() != null) {
      PipelineSpec.Rule r = l.rule();
      required("labeling.rule.column", r.column());
      oneOf("labeling.rule.op", r.op(), OPS);
      if (r.value() == null || !Double.isFinite(r.value())) {
        throw new SpecException("labeling.rule.value", "must be a finite number");
      }
      required("labeling.rule.then", r.then());
      required("labeling.rule.otherwise", r.otherwise());
      if (r.then().equals(r.otherwise())) {
        throw new SpecException("labeling.rule.otherwise", "must differ from 'then'");
      }
    }
    if (d.label() == null && l.rule() == null) {
      throw new SpecException("dataset.label", "is required unless labeling.rule makes the labels");
    }

    PipelineSpec.Training t = s.training();
    oneOf("training.family", t.family(), FAMILIES);
    if (t.hidden().isEmpty() || t.hidden().size() > 8) {
      throw new SpecException("training.hidden", "must list 1 to 8 layer sizes");
    }
    List<Integer> hidden = t.hidden();
    for (int i = 0; i < hidden.size(); i++) {
      range("training.hidden[" + i + "]", hidden.get(i), 1, 8192);
    }
    range("training.epochs", t.epochs(), 1, 10_000);
    range("training.batchSize", t.batchSize(), 1, 1024);
    positive("training.learningRate", t.learningRate());
    if (t.learningRate() > 10) {
      throw new SpecException("training.learningRate", "must be at most 10");
    }
    range("training.patience", t.patience(), 1, 10_000);
    if (!Double.isFinite(t.weightDecay()) || t.weightDecay() < 0) {
      throw new SpecException("training.weightDecay", "must be a finite number >= 0");
    }
    oneOf("training.optimizer", t.optimizer(), OPTIMIZERS);
    oneOf("training.initializer", t.initializer(), INITIALIZERS);
    if (!(t.momentum() >= 0 && t.momentum() < 1)) {
      throw new SpecException("training.momentum", "must be >= 0 and below 1");
    }
    if (t.optimizer().equals("nesterov") && t.momentum() == 0) {
      throw new SpecException("training.momentum", "nesterov needs a momentum above 0");
    }
    checkSchedule(t);
    nonNegative("training.clipGradNorm", t.clipGradNorm());
    nonNegative("training.l1", t.l1());
    oneOf("training.monitor", t.monitor(), MONITORS);
    nonNegative("training.minDelta", t.minDelta());
    if (!(t.dropout() >= 0 && t.dropout() < 1)) {
      throw new SpecException("training.dropout", "must be >= 0 and below 1");
    }
    oneOf("training.classWeight", t.classWeight(), Set.of("none", "balanced"));
    for (Map.Entry<String, Double> e : t.classWeights().entrySet()) {
      if (e.getValue() == null || !Double.isFinite(e.getValue()) || e.getValue() <= 0) {
        throw new SpecException(
            "training.classWeights." + e.getKey(), "must be a finite number > 0");
      }
    }
    if (!t.classWeights().isEmpty() && t.classWeight().equals("balanced")) {
      throw new SpecException(
          "training.classWeights", "give either classWeight: balanced or classWeights, not both");
    }

    Double minAccuracy = s.evaluation().minAccuracy();
    if (!Double.isFinite(minAccuracy) || minAccuracy < 0 || minAccuracy > 1) {
      throw new SpecException("evaluation.minAccuracy", "must be between 0 and 1");
    }
    if (s.registry().model() != null && !NAME.matcher(s.registry().model()).matches()) {
      throw new SpecException("registry.model", "must be lower-case letters, digits and '-'");
    }
  }

  private static void checkSchedule(PipelineSpec.Training t) {
    PipelineSpec.Schedule c = t.schedule();
    oneOf("training.schedule.type", c.type(), SCHEDULES);
    range("training.schedule.stepEpochs", c.stepEpochs(), 1, 10_000);
    if (!(c.gamma() > 0 && c.gamma() <= 1)) {
      throw new SpecException("training.schedule.gamma", "must be above 0 and at most 1");
    }
    List<Integer> milestones = c.milestones();
    for (int i = 0; i < milestones.size(); i++) {
      if (milestones.get(i) == null
          || milestones.get(i) < 1
          || (i > 0 && milestones.get(i) <= milestones.get(i - 1))) {
        throw new SpecException(
            "training.schedule.milestones[" + i + "]", "must be increasing epochs >= 1");
      }
    }
    if (c.type().equals("multistep") && milestones.isEmpty()) {
      throw new SpecException("training.schedule.milestones", "multistep needs at least one");
    }
    range("training.schedule.warmupEpochs", c.warmupEpochs(), 0, t.epochs() - 1);
    if (!(c.minLearningRate() >= 0 && c.minLearningRate() < t.learningRate())) {
      throw new SpecException(
          "training.schedule.minLearningRate", "must be >= 0 and below training.learningRate");
    }
  }

  private static void nonNegative(String path, Double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new SpecException(path, "must be a finite number >= 0, got " + value);
    }
  }

  private static void required(String path, String value) {
    if (value == null || value.isBlank()) {
      throw new SpecException(path, "is required");
    }
  }

  private static void range(String path, Integer value, int min, int max) {
    if (value < min || value > max) {
      throw new SpecException(path, "must be between " + min + " and " + max + ", got " + value);
    }
  }

  private static void positive(String path, Double value) {
    if (!Double.isFinite(value) || value <= 0) {
      throw new SpecException(path, "must be a finite number > 0, got " + value);
    }
  }

  private static void fraction(String path, Double value, boolean zeroAllowed) {
    if (!Double.isFinite(value) || value < 0 || value >= 1 || (!zeroAllowed && value == 0)) {
      throw new SpecException(
          path, "must be a fraction in " + (zeroAllowed ? "[0, 1)" : "(0, 1)") + ", got " + value);
    }
  }

  private static void oneOf(String path, String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw new SpecException(
          path, "must be one of " + allowed.stream().sorted().toList() + ", got '" + value + "'");
    }
  }
}
