/** The split: each row's train/validation/test assignment, stable per data set and row id. */
package io.trainyard.ingest.split;
