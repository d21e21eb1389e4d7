package io.trainyard.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON of every error: {@code {"error": "..."}}, plus {@code path} (the spec field) for spec
 * errors and {@code line} (1-based, header = 1) for CSV errors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String path, Long line) {

  static ErrorBody of(String error) {
    return new ErrorBody(error, null, null);
  }
}
