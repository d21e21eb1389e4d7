package io.trainyard.cli.submit;

import java.util.Map;

/**
 * What ingest answered to an upload: the sealed data set version, or the reason it refused it.
 *
 * @param status the HTTP status
 * @param datasetId the data set id (on success)
 * @param version the new version (on success)
 * @param rows rows accepted
 * @param splits rows per split: train, validation, test
 * @param labelCounts rows per label
 * @param error the server's reason (on refusal)
 * @param path the spec field at fault, when the spec was refused
 */
public record Upload(
    int status,
    String datasetId,
    int version,
    long rows,
    Map<String, Long> splits,
    Map<String, Long> labelCounts,
    String error,
    String path) {

  public boolean accepted() {
    return status / 100 == 2;
  }

  /** {@code submitted breast-cancer v1: 569 rows (train 398 / validation 114 / test 57)}. */
  public String summary() {
    if (!accepted()) {
      return "ingest refused the upload ("
          + status
          + "): "
          + (error == null || error.isBlank() ? "no reason given" : error)
          + (path == null || path.isBlank() ? "" : " [spec field " + path + "]");
    }
    StringBuilder sb =
        new StringBuilder("submitted ")
            .append(datasetId)
            .append(" v")
            .append(version)
            .append(": ")
            .append(rows)
            .append(" rows (train ")
            .append(splits.getOrDefault("train", 0L))
            .append(" / validation ")
            .append(splits.getOrDefault("validation", 0L))
            .append(" / test ")
            .append(splits.getOrDefault("test", 0L))
            .append(")");
    if (!labelCounts.isEmpty()) {
      sb.append("; labels ");
      labelCounts.forEach((k, v) -> sb.append(k).append(' ').append(v).append(", "));
      sb.setLength(sb.length() - 2);
    }
    return sb.toString();
  }
}
