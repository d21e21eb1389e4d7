package io.trainyard.cli.watch;

import io.trainyard.contracts.events.v1.ColumnProfile;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.contracts.events.v1.SplitCounts;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;

/** Hand-built events of one breast cancer pipeline, shared by the watch tests. */
final class Events {

  static final String MODEL = "breast-cancer-mlp";
  static final String REQUEST = "0123456789abcdef";

  private Events() {}

  static DatasetRef ref(String id, int version) {
    return DatasetRef.newBuilder().setDatasetId(id).setVersion(version).setSpecHash("h").build();
  }

  static DatasetOpened opened(String id, int version) {
    DatasetSchema.Builder schema = DatasetSchema.newBuilder().setLabelColumn("diagnosis");
    for (int i = 0; i < 30; i++) {
      schema.addColumns(ColumnSchema.newBuilder().setName("f" + i));
    }
    schema.addColumns(ColumnSchema.newBuilder().setName("diagnosis"));
    return DatasetOpened.newBuilder().setDataset(ref(id, version)).setSchema(schema).build();
  }

  static DatasetSealed sealed(String id, int version) {
    return DatasetSealed.newBuilder()
        .setDataset(ref(id, version))
        .setRowCount(569)
        .setSplitCounts(SplitCounts.newBuilder().setTrain(398).setValidation(114).setTest(57))
        .build();
  }

  static DatasetProfiled profiled(String id, int version) {
    return DatasetProfiled.newBuilder()
        .setDataset(ref(id, version))
        .setRowsIn(569)
        .setRowsOut(560)
        .setRowsDropped(9)
        .setSplitCounts(SplitCounts.newBuilder().setTrain(389).setValidation(114).setTest(57))
        .addColumns(ColumnProfile.newBuilder().setName("a").setImputed(3).setOutliersClipped(2))
        .addColumns(ColumnProfile.newBuilder().setName("b").setImputed(1).setOutliersClipped(5))
        .build();
  }

  static DatasetPrepared prepared(String id, int version) {
    DatasetPrepared.Builder b =
        DatasetPrepared.newBuilder()
            .setDataset(ref(id, version))
            .addClasses("benign")
            .addClasses("malignant")
            .putClassCounts("benign", 357)
            .putClassCounts("malignant", 212)
            .setTrain(SplitBatches.newBuilder().setRows(389).setBatches(7))
            .setValidation(SplitBatches.newBuilder().setRows(114).setBatches(2))
            .setTest(SplitBatches.newBuilder().setRows(57).setBatches(1));
    for (int i = 0; i < 30; i++) {
      b.addFeatureNames("f" + i);
    }
    return b.build();
  }

  static TrainingRequested requested(String id, int version, String request) {
    return TrainingRequested.newBuilder()
        .setRequestId(request)
        .setDataset(ref(id, version))
        .setModelName(MODEL)
        .setConfig(
            TrainingConfig.newBuilder()
                .setFamily("mlp")
                .addHiddenUnits(32)
                .addHiddenUnits(16)
                .setMaxEpochs(60)
                .setBatchSize(32)
                .setOptimizer("adam")
                .setLearningRate(0.001))
        .build();
  }

  static EpochCompleted epoch(String id, int version, String request, int epoch) {
    return EpochCompleted.newBuilder()
        .setRequestId(request)
        .setDataset(ref(id, version))
        .setModelName(MODEL)
        .setEpoch(epoch)
        .setMaxEpochs(60)
        .setTrainLoss(0.12341)
        .setValidationLoss(0.14561)
        .setTrainAccuracy(0.96234)
        .setValidationAccuracy(0.94737)
        .build();
  }

  static TrainingCompleted completed(String id, int version, String request) {
    return TrainingCompleted.newBuilder()
        .setRequestId(request)
        .setDataset(ref(id, version))
        .setModelName(MODEL)
        .setEpochsRun(31)
        .setBestEpoch(23)
        .setBestValidationLoss(0.08123)
        .setDevice("cpu")
        .setTrainingMs(4200)
        .build();
  }

  static TrainingFailed failed(String id, int version, String request) {
    return TrainingFailed.newBuilder()
        .setRequestId(request)
        .setDataset(ref(id, version))
        .setModelName(MODEL)
        .setReason("out of memory")
        .build();
  }

  static ModelEvaluated evaluated(String id, int version, String request) {
    return ModelEvaluated.newBuilder()
        .setRequestId(request)
        .setDataset(ref(id, version))
        .setModelName(MODEL)
        .putMetrics("accuracy", 0.9824561)
        .putMetrics("f1", 0.98123)
        .putMetrics("roc_auc", 0.99869)
        .putMetrics("log_loss", 0.0712)
        .putMetrics("test_rows", 57)
        .setBlessed(true)
        .build();
  }

  static ModelVersionRegistered registered(String id, int version, String request, long v) {
    return ModelVersionRegistered.newBuilder()
        .setRequestId(request)
        .setDataset(ref(id, version))
        .setModelName(MODEL)
        .setVersion(v)
        .build();
  }
}
